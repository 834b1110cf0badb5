package dev.fidelius.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fidelius.operator.api.FideliusSecret;
import dev.fidelius.operator.config.OperatorConfig;
import dev.fidelius.operator.testsupport.AwsTestClients;
import dev.fidelius.operator.testsupport.KubeApiServer;
import dev.fidelius.operator.testsupport.MotoServer;
import dev.fidelius.operator.testsupport.TestServers;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An operator confined to some namespaces (FIDELIUS_WATCH_NAMESPACES) still serves FideliusSecrets
 * there from ClusterFideliusStores, whose access rules may select namespaces by label: the
 * cluster-scoped informers must not inherit the watched namespaces.
 */
@ExtendWith(TestServers.class)
class WatchedNamespacesIT {

  private static final Duration WAIT = Duration.ofSeconds(45);

  @Test
  void aClusterStoreWithANamespaceSelectorServesAWatchedNamespace(
      KubeApiServer server, MotoServer moto) {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    String ns = "watched-" + suffix;
    String name = "confined-" + suffix;
    try (AwsTestClients aws = new AwsTestClients();
        OperatorHarness operator =
            new OperatorHarness(server, Map.of(OperatorConfig.WATCH_NAMESPACES, ns))) {
      aws.secretsManager(moto.endpoint())
          .createSecret(b -> b.name("PAYMENTS.dev." + name).secretString("confined-value"));
      operator.start();
      operator.namespace(ns, Map.of("team", suffix));
      KubernetesClient kube = operator.client();
      kube.resource(
              (HasMetadata)
                  Serialization.unmarshal(
                      """
          apiVersion: fidelius.dev/v1alpha1
          kind: ClusterFideliusStore
          metadata: {name: %1$s}
          spec:
            provider:
              secretsManager: {region: us-east-1}
            endpoints: {secretsManager: "%2$s", sts: "%2$s"}
            access:
              rules:
              - {namespaceSelector: {matchLabels: {team: "%3$s"}}, applications: [PAYMENTS], sdlcs: [dev]}
          """
                          .formatted("sm-" + suffix, moto.endpoint(), suffix)))
          .serverSideApply();
      kube.resource(
              (HasMetadata)
                  Serialization.unmarshal(
                      """
          apiVersion: fidelius.dev/v1alpha1
          kind: FideliusSecret
          metadata: {name: %1$s, namespace: %2$s}
          spec:
            storeRef: {name: sm-%3$s, kind: ClusterFideliusStore}
            application: PAYMENTS
            sdlc: dev
            data: [{name: %1$s, key: value}]
          """
                          .formatted(name, ns, suffix)))
          .serverSideApply();

      FideliusSecret ready =
          kube.resources(FideliusSecret.class)
              .inNamespace(ns)
              .withName(name)
              .waitUntilCondition(
                  fsec ->
                      fsec != null
                          && fsec.getStatus() != null
                          && fsec.getStatus().getConditions() != null
                          && fsec.getStatus().getConditions().stream()
                              .anyMatch(
                                  c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus())),
                  WAIT.toSeconds(),
                  TimeUnit.SECONDS);
      assertThat(ready.getStatus().getSyncedVersions()).containsKey(name);
      Secret secret = kube.secrets().inNamespace(ns).withName(name).get();
      assertThat(
              new String(
                  Base64.getDecoder().decode(secret.getData().get("value")),
                  StandardCharsets.UTF_8))
          .isEqualTo("confined-value");
    }
  }
}
