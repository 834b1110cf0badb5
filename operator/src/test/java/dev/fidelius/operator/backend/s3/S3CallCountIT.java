package dev.fidelius.operator.backend.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fidelius.operator.aws.AwsCallCounter.Call;
import dev.fidelius.operator.aws.AwsEndpoints;
import dev.fidelius.operator.backend.Outcome;
import dev.fidelius.operator.backend.SecretId;
import dev.fidelius.operator.backend.SecretRequest;
import dev.fidelius.operator.backend.SecretScope;
import dev.fidelius.operator.backend.ValueCache;
import dev.fidelius.operator.backend.VersionSelector;
import dev.fidelius.operator.testsupport.AwsTestClients;
import dev.fidelius.operator.testsupport.CallTable;
import dev.fidelius.operator.testsupport.MotoServer;
import dev.fidelius.operator.testsupport.TestServers;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a refresh cycle costs in S3 and KMS calls for 1,500 envelope objects of fifty applications
 * (thirty each), in a versioned bucket and in one without versioning, against the target {@code
 * keys/1000 + 2 x changed + 5}, KMS only for new versions: change detection lists the applications'
 * common prefix once, not each application's scope.
 */
@ExtendWith(TestServers.class)
class S3CallCountIT {

  private static final int KEYS = 1500;
  private static final int ROTATED = KEYS / 100;
  private static final int APPLICATIONS = 50;
  private static final Call LIST = new Call("s3", "ListObjectsV2");
  private static final Call GET = new Call("s3", "GetObject");
  private static final Call DECRYPT = new Call("kms", "Decrypt");

  @ParameterizedTest(name = "versioned bucket: {0}")
  @ValueSource(booleans = {true, false})
  void aRefreshCycleStaysUnderItsTarget(boolean versioned, MotoServer moto) {
    try (AwsTestClients writer = new AwsTestClients();
        AwsTestClients reader = new AwsTestClients()) {
      MotoObjects objects =
          new MotoObjects(
              writer
                  .factory()
                  .s3(MotoServer.REGION, MotoServer.CREDENTIALS, Optional.of(moto.endpoint())),
              writer.kms(moto.endpoint()));
      String bucket = "calls-" + UUID.randomUUID().toString().substring(0, 8);
      objects.createBucket(bucket, versioned);
      String keyId = objects.createKey();
      byte[] blob = objects.encrypt(keyId, "same-value-v1", Map.of());
      String run = "Calls" + UUID.randomUUID().toString().substring(0, 6);
      List<SecretId> ids = new ArrayList<>();
      for (int i = 0; i < KEYS; i++) {
        SecretScope scope =
            new SecretScope(String.format("%sA%02d", run, i % APPLICATIONS), null, "prod");
        SecretId id = new SecretId(scope, String.format("object_%04d", i));
        objects.put(bucket, MotoObjects.key("", id), blob);
        ids.add(id);
      }
      S3Backend backend =
          S3Backend.connect(
              S3StoreConfig.of(MotoServer.REGION, bucket, "s3-calls-" + bucket)
                  .withEndpoints(AwsEndpoints.all(moto.endpoint())),
              reader.factory(),
              MotoServer.CREDENTIALS,
              new ValueCache(64 << 20));
      run(
          backend,
          objects,
          bucket,
          keyId,
          ids,
          new CallTable(reader.counter(), List.of(LIST, GET, DECRYPT)),
          versioned);
    }
  }

  private static void run(
      S3Backend backend,
      MotoObjects objects,
      String bucket,
      String keyId,
      List<SecretId> ids,
      CallTable table,
      boolean versioned) {
    Map<SecretId, String> synced = new HashMap<>();
    Map<Call, Long> first =
        table.measure(
            "first sync: read " + KEYS + " current values",
            2L * KEYS + 5,
            () ->
                backend
                    .read(ids.stream().map(SecretRequest::latest).toList())
                    .forEach((request, read) -> synced.put(request.id(), read.value().version())));
    assertThat(first.get(GET)).isEqualTo(KEYS);
    assertThat(first.get(DECRYPT)).isEqualTo(KEYS);

    long pages = (KEYS + 999) / 1000;
    Map<Call, Long> quiet =
        table.measure(
            "quiet refresh", pages + 5, () -> assertThat(changed(backend, ids, synced)).isEmpty());
    assertThat(quiet).containsExactly(Map.entry(LIST, pages));

    Map<SecretId, String> rotated = new HashMap<>();
    IntStream.range(0, ROTATED)
        .mapToObj(i -> ids.get(i * 97))
        .forEach(
            id ->
                rotated.put(
                    id,
                    objects.putEnvelope(
                        bucket, MotoObjects.key("", id), keyId, id.name() + "-v2", Map.of())));
    List<SecretRequest> changedVersions = new ArrayList<>();
    long target = pages + 2L * ROTATED + 5;
    Map<Call, Long> afterRotation =
        table.measure(
            "1% rotated: detect, read changed",
            target,
            () -> {
              Map<SecretId, String> changed = changed(backend, ids, synced);
              assertThat(changed).isEqualTo(rotated);
              changed.forEach(
                  (id, v) -> changedVersions.add(new SecretRequest(id, VersionSelector.exact(v))));
              backend
                  .read(changedVersions)
                  .forEach(
                      (request, read) ->
                          assertThat(read.value().text()).contains(request.id().name() + "-v2"));
            });
    assertThat(afterRotation.get(DECRYPT)).as("KMS only for new versions").isEqualTo(ROTATED);
    assertThat(CallTable.total(afterRotation)).isLessThanOrEqualTo(target);

    Map<Call, Long> second =
        table.measure(
            "a second resource reads the same " + ROTATED + " versions",
            0,
            () ->
                assertThat(backend.read(changedVersions).values())
                    .allSatisfy(r -> assertThat(r.isOk()).isTrue()));
    assertThat(second).as("served from the value cache").isEmpty();

    System.out.println(
        table.render(
            KEYS
                + " envelope objects of "
                + APPLICATIONS
                + " applications, "
                + (versioned ? "versioned" : "unversioned")
                + " bucket"));
  }

  private static Map<SecretId, String> changed(
      S3Backend backend, List<SecretId> ids, Map<SecretId, String> synced) {
    Map<SecretId, Outcome<String>> current = backend.currentVersions(ids);
    assertThat(current).hasSize(KEYS);
    Map<SecretId, String> changed = new HashMap<>();
    current.forEach(
        (id, version) -> {
          if (!version.value().equals(synced.get(id))) {
            changed.put(id, version.value());
          }
        });
    return changed;
  }
}
