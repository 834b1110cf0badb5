package dev.fidelius.operator.backend.parameterstore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fidelius.operator.aws.AwsCallCounter.Call;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What a refresh cycle costs in Parameter Store calls for 1,500 parameters of fifty applications
 * (thirty each), against the target {@code keys/50 + changed/10 + 5}: change detection asks for
 * fifty names per call whichever applications they belong to, so the number of applications costs
 * nothing. moto pages DescribeParameters by 10 whatever MaxResults asks (AWS: 50), so against moto
 * detection costs keys/10 pages; the table shows both, and ParameterStoreBackendTest proves one
 * call per fifty names at AWS's page size.
 */
@ExtendWith(TestServers.class)
class ParameterStoreCallCountIT {

  private static final int KEYS = 1500;
  private static final int ROTATED = KEYS / 100;
  private static final int APPLICATIONS = 50;

  /** moto 5.2.1's fixed DescribeParameters page size. */
  private static final int MOTO_PAGE = 10;

  private static final Call DESCRIBE = new Call("ssm", "DescribeParameters");
  private static final Call GET = new Call("ssm", "GetParameters");

  private static AwsTestClients writer;
  private static AwsTestClients reader;
  private static MotoParameters parameters;
  private static ParameterStoreBackend backend;
  private static final List<SecretId> ids = new ArrayList<>();

  @BeforeAll
  static void arrange(MotoServer moto) {
    writer = new AwsTestClients();
    reader = new AwsTestClients();
    parameters =
        new MotoParameters(
            writer
                .factory()
                .ssm(MotoServer.REGION, MotoServer.CREDENTIALS, Optional.of(moto.endpoint())));
    backend =
        ParameterStoreBackend.create(
            ParameterStoreConfig.of(MotoServer.REGION, "ps-calls-it"),
            reader
                .factory()
                .ssm(MotoServer.REGION, MotoServer.CREDENTIALS, Optional.of(moto.endpoint())),
            new ValueCache(32 << 20));
    String run = "Calls" + UUID.randomUUID().toString().substring(0, 8);
    for (int i = 0; i < KEYS; i++) {
      SecretScope scope =
          new SecretScope(String.format("%sA%02d", run, i % APPLICATIONS), null, "prod");
      SecretId id = new SecretId(scope, String.format("param_%04d", i));
      parameters.put(MotoParameters.pathName("", id), "value-" + i + "-v1");
      ids.add(id);
    }
  }

  @AfterAll
  static void close() {
    writer.close();
    reader.close();
  }

  @Test
  void aRefreshCycleStaysUnderItsTarget() {
    CallTable table = new CallTable(reader.counter(), List.of(DESCRIBE, GET));
    Map<SecretId, String> synced = new HashMap<>();
    Map<Call, Long> first =
        table.measure(
            "first sync: read " + KEYS + " current values",
            KEYS / 10 + 5,
            () ->
                backend
                    .read(ids.stream().map(SecretRequest::latest).toList())
                    .forEach((request, read) -> synced.put(request.id(), read.value().version())));
    assertThat(first).containsExactly(Map.entry(GET, (long) KEYS / 10));

    long detection = KEYS / MOTO_PAGE;
    Map<Call, Long> quiet =
        table.measure(
            "quiet refresh (moto: pages of 10)",
            detection + 5,
            () -> assertThat(changed(synced)).isEmpty());
    assertThat(quiet).containsExactly(Map.entry(DESCRIBE, detection));

    Map<SecretId, String> rotated = new HashMap<>();
    IntStream.range(0, ROTATED)
        .mapToObj(i -> ids.get(i * 97))
        .forEach(
            id ->
                rotated.put(
                    id, parameters.put(MotoParameters.pathName("", id), id.name() + "-v2")));
    List<SecretRequest> changedVersions = new ArrayList<>();
    long rotationTarget = detection + (ROTATED + 9) / 10 + 5;
    Map<Call, Long> afterRotation =
        table.measure(
            "1% rotated: detect, prefetch changed (moto pages)",
            rotationTarget,
            () -> {
              Map<SecretId, String> changed = changed(synced);
              assertThat(changed).isEqualTo(rotated);
              changed.forEach(
                  (id, v) -> changedVersions.add(new SecretRequest(id, VersionSelector.exact(v))));
              backend.prefetch(changedVersions);
            });
    assertThat(afterRotation)
        .containsExactly(Map.entry(DESCRIBE, detection), Map.entry(GET, (long) (ROTATED + 9) / 10));
    assertThat(CallTable.total(afterRotation)).isLessThanOrEqualTo(rotationTarget);

    Map<Call, Long> second =
        table.measure(
            "a second resource reads the same " + ROTATED + " versions",
            0,
            () ->
                assertThat(backend.read(changedVersions).values())
                    .allSatisfy(r -> assertThat(r.value().text()).isPresent()));
    assertThat(second).as("served from the value cache").isEmpty();

    System.out.println(
        table.render(KEYS + " parameters of " + APPLICATIONS + " applications")
            + String.format(
                "At AWS's page size of 50: quiet refresh %d DescribeParameters, 1%% rotated %d calls (target %d)%n",
                KEYS / 50, KEYS / 50 + (ROTATED + 9) / 10, KEYS / 50 + (ROTATED + 9) / 10 + 5));
  }

  private static Map<SecretId, String> changed(Map<SecretId, String> synced) {
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
