package dev.fidelius.operator.metrics;

import dev.fidelius.operator.backend.SecretId;
import dev.fidelius.operator.reconciler.OperatorHarness;
import dev.fidelius.operator.testsupport.AwsTestClients;
import dev.fidelius.operator.testsupport.FideliusSdk;
import dev.fidelius.operator.testsupport.FideliusTables;
import dev.fidelius.operator.testsupport.FreePorts;
import dev.fidelius.operator.testsupport.KubeApiServer;
import dev.fidelius.operator.testsupport.MotoServer;
import dev.fidelius.operator.testsupport.TestServers;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * On the real API server and moto: a FideliusSecret's condition series appears after its first
 * sync, flips to False with the reason when its store's AWS calls fail (counted per store too), and
 * leaves the scrape with the resource; a deleted store takes its series along.
 */
@ExtendWith(TestServers.class)
class SecretConditionMetricsIT {

  private static final String NS = "condition-metrics";
  private static final String STORE = "ClusterFideliusStore condition-metrics-store";
  private static final Duration WAIT = Duration.ofSeconds(90);

  @Test
  void conditionSeriesFollowTheResource(KubeApiServer server, MotoServer moto) {
    try (OperatorHarness operator = new OperatorHarness(server, Map.of()).start();
        AwsTestClients aws = new AwsTestClients()) {
      String table = "condition-metrics-" + UUID.randomUUID().toString().substring(0, 8);
      FideliusTables.create(aws.dynamoDb(moto.endpoint()), table);
      String key =
          aws.kms(moto.endpoint()).createKey(b -> b.description("c")).keyMetadata().keyId();
      new FideliusSdk(moto.endpoint(), moto.endpoint())
          .put(SecretId.of("payments", null, "dev", "watched-db"), "v1", table, key);
      operator.namespace(NS, Map.of());
      apply(operator, store(table, moto.endpoint().toString()));
      apply(operator, fideliusSecret());
      OperatorMetrics metrics = operator.runtime().metrics();

      await(metrics, s -> s.contains(condition("True", "Synced") + " 1.0"));
      await(
          metrics,
          s ->
              s.contains(condition("False", "Synced") + " 0.0")
                  && s.contains(
                      "fidelius_secret_last_sync_timestamp_seconds{name=\"watched\",namespace=\""
                          + NS
                          + "\"}")
                  && s.contains(
                      "fidelius_secret_refresh_interval_seconds{name=\"watched\",namespace=\""
                          + NS
                          + "\"} 3600.0")
                  && s.contains("fidelius_store_ready{store=\"" + STORE + "\"} 1.0"));

      // The store now points at a port nobody listens on: every AWS call of it fails.
      apply(operator, store(table, "http://127.0.0.1:" + FreePorts.pick()));
      await(
          metrics,
          s ->
              s.contains(condition("False", "BackendUnavailable") + " 1.0")
                  && s.contains(condition("True", "BackendUnavailable") + " 0.0")
                  && !s.contains("reason=\"Synced\"")
                  && s.contains("kind=\"unavailable\",service=\"dynamodb\",store=\"" + STORE));
      await(
          metrics,
          s ->
              s.contains(
                  "fidelius_secret_last_sync_timestamp_seconds{name=\"watched\",namespace=\""
                      + NS
                      + "\"}"));

      operator
          .client()
          .resources(dev.fidelius.operator.api.FideliusSecret.class)
          .inNamespace(NS)
          .withName("watched")
          .delete();
      await(metrics, s -> !s.contains("name=\"watched\""));

      operator
          .client()
          .resources(dev.fidelius.operator.api.ClusterFideliusStore.class)
          .withName("condition-metrics-store")
          .delete();
      await(metrics, s -> !s.contains(STORE));
    }
  }

  private static String condition(String status, String reason) {
    return "fidelius_secret_condition{condition=\"Ready\",name=\"watched\",namespace=\""
        + NS
        + "\",reason=\""
        + reason
        + "\",status=\""
        + status
        + "\"}";
  }

  private static String store(String table, String endpoint) {
    return """
        apiVersion: fidelius.dev/v1alpha1
        kind: ClusterFideliusStore
        metadata: {name: condition-metrics-store}
        spec:
          provider:
            dynamodb: {table: %s, region: us-east-1}
          endpoints: {dynamodb: "%2$s", kms: "%2$s", sts: "%2$s"}
          access:
            rules:
            - {namespaces: [%3$s], applications: [PAYMENTS], sdlcs: [dev]}
        """
        .formatted(table, endpoint, NS);
  }

  private static String fideliusSecret() {
    return """
        apiVersion: fidelius.dev/v1alpha1
        kind: FideliusSecret
        metadata: {name: watched, namespace: %s}
        spec:
          storeRef: {name: condition-metrics-store, kind: ClusterFideliusStore}
          application: payments
          sdlc: dev
          refreshInterval: 1h
          data:
          - {name: watched-db, key: password}
        """
        .formatted(NS);
  }

  private static void apply(OperatorHarness operator, String yaml) {
    operator
        .client()
        .resource((HasMetadata) Serialization.unmarshal(yaml))
        .forceConflicts()
        .serverSideApply();
  }

  private static void await(OperatorMetrics metrics, Predicate<String> condition) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    String last = "";
    while (System.nanoTime() < deadline) {
      last = metrics.scrape();
      if (condition.test(last)) {
        return;
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
    throw new AssertionError(
        "timed out after "
            + WAIT
            + "; fidelius series scraped last:\n"
            + last.lines()
                .filter(
                    l ->
                        l.startsWith("fidelius_secret")
                            || l.startsWith("fidelius_store")
                            || l.contains(STORE))
                .filter(l -> !l.startsWith("#"))
                .reduce("", (a, b) -> a + b + "\n"));
  }
}
