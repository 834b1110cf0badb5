package dev.fidelius.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fidelius.operator.api.FideliusSecret;
import dev.fidelius.operator.testsupport.AwsTestClients;
import dev.fidelius.operator.testsupport.KubeApiServer;
import dev.fidelius.operator.testsupport.MotoServer;
import dev.fidelius.operator.testsupport.TestServers;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An operator that watches only some namespaces (FIDELIUS_WATCH_NAMESPACES, the chart's
 * scopedNamespace) still sees the cluster-scoped kinds a FideliusSecret depends on:
 * ClusterFideliusStores, and Namespaces for access rules with a namespaceSelector. Informers of
 * cluster-scoped kinds must not inherit the controller's namespaces (found by the e2e suite: every
 * FideliusSecret reported "ClusterFideliusStore ... not found").
 */
@ExtendWith(TestServers.class)
class WatchNamespacesIT {

  private static final String NS = "watched-ns";
  private static final Duration WAIT = Duration.ofSeconds(45);

  private static OperatorHarness operator;
  private static KubernetesClient kube;
  private static AwsTestClients aws;

  @BeforeAll
  static void start(KubeApiServer server, MotoServer moto) {
    aws = new AwsTestClients();
    aws.secretsManager(moto.endpoint())
        .createSecret(b -> b.name("WATCHED.dev.token").secretString("watched-value"));
    operator = new OperatorHarness(server, Map.of("FIDELIUS_WATCH_NAMESPACES", NS)).start();
    kube = operator.client();
    operator.namespace(NS, Map.of("fidelius.dev/tenant", "watched"));
    apply(
        """
        apiVersion: fidelius.dev/v1alpha1
        kind: ClusterFideliusStore
        metadata: {name: watched-sm}
        spec:
          provider:
            secretsManager: {region: us-east-1}
          endpoints: {secretsManager: "%s"}
          access:
            rules:
            - namespaceSelector: {matchLabels: {fidelius.dev/tenant: watched}}
              applications: [WATCHED]
              sdlcs: [dev]
        """
            .formatted(moto.endpoint()));
  }

  @AfterAll
  static void stop() {
    if (operator != null) {
      operator.close();
    }
    if (aws != null) {
      aws.close();
    }
  }

  @Test
  void aClusterStoreWithANamespaceSelectorServesAWatchedNamespace() {
    apply(
        """
        apiVersion: fidelius.dev/v1alpha1
        kind: FideliusSecret
        metadata: {name: watched, namespace: %s}
        spec:
          storeRef: {name: watched-sm, kind: ClusterFideliusStore}
          application: WATCHED
          sdlc: dev
          data: [{name: token}]
        """
            .formatted(NS));

    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline
        && !ready().map(c -> "True".equals(c.getStatus())).orElse(false)) {
      sleep();
    }
    assertThat(ready())
        .as("Ready condition")
        .hasValueSatisfying(
            c -> {
              assertThat(c.getReason()).isEqualTo("Synced");
              assertThat(c.getStatus()).isEqualTo("True");
            });
    Secret secret = kube.secrets().inNamespace(NS).withName("watched").get();
    assertThat(
            new String(
                Base64.getDecoder().decode(secret.getData().get("token")), StandardCharsets.UTF_8))
        .isEqualTo("watched-value");
  }

  private static Optional<Condition> ready() {
    FideliusSecret f =
        kube.resources(FideliusSecret.class).inNamespace(NS).withName("watched").get();
    if (f == null || f.getStatus() == null || f.getStatus().getConditions() == null) {
      return Optional.empty();
    }
    return f.getStatus().getConditions().stream()
        .filter(c -> "Ready".equals(c.getType()))
        .findFirst();
  }

  private static void apply(String yaml) {
    kube.resource((HasMetadata) Serialization.unmarshal(yaml)).serverSideApply();
  }

  private static void sleep() {
    try {
      Thread.sleep(200);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }
}
