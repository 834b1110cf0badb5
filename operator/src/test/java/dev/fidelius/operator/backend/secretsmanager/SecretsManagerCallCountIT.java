package dev.fidelius.operator.backend.secretsmanager;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fidelius.operator.aws.AwsCallCounter.Call;
import dev.fidelius.operator.backend.Outcome;
import dev.fidelius.operator.backend.SecretId;
import dev.fidelius.operator.backend.SecretRequest;
import dev.fidelius.operator.backend.SecretScope;
import dev.fidelius.operator.backend.ValueCache;
import dev.fidelius.operator.backend.VersionSelector;
import dev.fidelius.operator.testsupport.AwsTestClients;
import dev.fidelius.operator.testsupport.MotoServer;
import dev.fidelius.operator.testsupport.TestServers;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What the operator's refresh cycle costs in Secrets Manager calls, for 250 secrets of one scope:
 * detect changes with {@code currentVersions}, then read only what changed. Asserts the figures and
 * prints them.
 */
@ExtendWith(TestServers.class)
class SecretsManagerCallCountIT {

  private static final int SECRETS = 250;
  private static final int ROTATED = 7;
  private static final List<String> OPERATIONS =
      List.of("ListSecrets", "BatchGetSecretValue", "GetSecretValue", "DescribeSecret");

  /** Writes with its own counter, so that only the backend's calls are counted. */
  private static AwsTestClients writer;

  private static AwsTestClients reader;
  private static MotoSecrets secrets;
  private static SecretsManagerBackend backend;
  private static final List<SecretId> ids = new ArrayList<>();

  @BeforeAll
  static void arrange(MotoServer moto) {
    writer = new AwsTestClients();
    reader = new AwsTestClients();
    secrets = new MotoSecrets(writer.secretsManager(moto.endpoint()));
    backend =
        SecretsManagerBackend.create(
            SecretsManagerStoreConfig.of(MotoServer.REGION, "call-count-it"),
            reader.secretsManager(moto.endpoint()),
            new ValueCache(32 << 20));
    SecretScope scope =
        new SecretScope("Calls" + UUID.randomUUID().toString().substring(0, 8), null, "prod");
    for (int i = 0; i < SECRETS; i++) {
      SecretId id = new SecretId(scope, String.format("secret_%03d", i));
      secrets.put(MotoSecrets.fullName(id), "value-" + i + "-v1");
      ids.add(id);
    }
  }

  @AfterAll
  static void close() {
    writer.close();
    reader.close();
  }

  /** One measured step of the refresh cycle and the calls it made. */
  private record Step(String name, Map<Call, Long> calls) {}

  private final List<Step> steps = new ArrayList<>();

  @Test
  void detectionCostsOneListSecretsPerHundredSecretsAndOnlyChangedValuesAreRead() {
    Map<SecretId, String> synced = new HashMap<>();
    Map<Call, Long> firstSync =
        cost(
            "first sync: read " + SECRETS + " latest values",
            () ->
                backend
                    .read(ids.stream().map(SecretRequest::latest).toList())
                    .forEach((request, read) -> synced.put(request.id(), read.value().version())));
    assertThat(firstSync).containsExactly(Map.entry(call("BatchGetSecretValue"), 13L));

    Map<Call, Long> unchanged =
        cost(
            "refresh, nothing changed",
            () -> assertThat(changed(backend.currentVersions(ids), synced)).isEmpty());
    assertThat(unchanged).containsExactly(Map.entry(call("ListSecrets"), 3L));

    Map<SecretId, String> rotated = new HashMap<>();
    IntStream.range(0, ROTATED)
        .mapToObj(i -> ids.get(i * 31))
        .forEach(id -> rotated.put(id, secrets.put(MotoSecrets.fullName(id), id.name() + "-v2")));
    List<SecretRequest> changedVersions = new ArrayList<>();
    Map<Call, Long> afterRotation =
        cost(
            "refresh after " + ROTATED + " rotations: detect, read changed",
            () -> {
              Map<SecretId, String> changed = changed(backend.currentVersions(ids), synced);
              assertThat(changed).isEqualTo(rotated);
              changed.forEach(
                  (id, version) ->
                      changedVersions.add(new SecretRequest(id, VersionSelector.exact(version))));
              backend
                  .read(changedVersions)
                  .forEach(
                      (request, read) ->
                          assertThat(read.value().text()).contains(request.id().name() + "-v2"));
            });
    assertThat(afterRotation)
        .containsExactly(
            Map.entry(call("BatchGetSecretValue"), 1L), Map.entry(call("ListSecrets"), 3L));

    Map<Call, Long> sameVersions =
        cost(
            "another resource reads the same " + ROTATED + " versions",
            () ->
                assertThat(backend.read(changedVersions).values())
                    .allSatisfy(r -> assertThat(r.isOk()).isTrue()));
    assertThat(sameVersions).as("served from the value cache").isEmpty();

    printSteps();
  }

  private static Map<SecretId, String> changed(
      Map<SecretId, Outcome<String>> current, Map<SecretId, String> synced) {
    assertThat(current).hasSize(SECRETS);
    Map<SecretId, String> changed = new HashMap<>();
    current.forEach(
        (id, version) -> {
          if (!version.value().equals(synced.get(id))) {
            changed.put(id, version.value());
          }
        });
    return changed;
  }

  private Map<Call, Long> cost(String step, Runnable action) {
    Map<Call, Long> before = reader.counter().snapshot();
    action.run();
    Map<Call, Long> calls = reader.counter().since(before);
    steps.add(new Step(step, calls));
    return calls;
  }

  private void printSteps() {
    StringBuilder out =
        new StringBuilder(String.format("%n| %-52s |", SECRETS + " secrets in one scope"));
    OPERATIONS.forEach(operation -> out.append(' ').append(operation).append(" |"));
    out.append(" total |");
    for (Step step : steps) {
      out.append(String.format("%n| %-52s |", step.name()));
      long total = 0;
      for (String operation : OPERATIONS) {
        long n = step.calls().getOrDefault(call(operation), 0L);
        total += n;
        out.append(String.format(" %" + operation.length() + "d |", n));
      }
      out.append(String.format(" %5d |", total));
    }
    out.append(
        String.format(
            "%n(for comparison: one GetSecretValue per secret per refresh is %d calls)%n",
            SECRETS));
    System.out.println(out);
  }

  private static Call call(String operation) {
    return new Call("secretsmanager", operation);
  }
}
