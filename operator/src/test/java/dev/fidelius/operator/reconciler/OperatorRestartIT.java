package dev.fidelius.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fidelius.operator.config.OperatorConfig;
import dev.fidelius.operator.testsupport.AwsTestClients;
import dev.fidelius.operator.testsupport.KubeApiServer;
import dev.fidelius.operator.testsupport.MotoServer;
import dev.fidelius.operator.testsupport.TestServers;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.Counter;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A restarted operator syncs each FideliusSecret once. The informers of what FideliusSecrets depend
 * on (their cluster store, their namespace, their managed Secrets) hand their initial lists to the
 * operator after it has started reconciling: each of those late events used to sync every
 * FideliusSecret using the object once more, reading its secrets again.
 */
@ExtendWith(TestServers.class)
class OperatorRestartIT {

  private static final String NS = "operator-restart";
  private static final String STORE = "operator-restart-sm";
  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final int N = 40;

  @Test
  void aRestartedOperatorSyncsEachResourceOnce(KubeApiServer server, MotoServer moto) {
    try (AwsTestClients aws = new AwsTestClients();
        KubernetesClient kube = server.newClient();
        OperatorHarness operator =
            new OperatorHarness(server, Map.of(OperatorConfig.WATCH_NAMESPACES, NS))) {
      ClusterView view = new ClusterView(kube, WAIT);
      aws.secretsManager(moto.endpoint())
          .createSecret(b -> b.name("RST.dev.restart").secretString("v"));
      operator.namespace(NS, Map.of("team", "restart"));
      view.apply(
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
              - {namespaceSelector: {matchLabels: {team: restart}}, applications: ["*"], sdlcs: [dev]}
          """
              .formatted(STORE, moto.endpoint()));
      operator.start();
      for (int i = 0; i < N; i++) {
        view.apply(fsec("restart-" + i));
      }
      for (int i = 0; i < N; i++) {
        view.awaitReady(NS, "restart-" + i);
      }

      operator.stop();
      operator.start();
      view.await("the restarted operator synced every resource", () -> syncs(operator) >= N);
      // The late initial-list events come within moments of the start: one more resource synced
      // after all of them is the point by which any follow-up would have run.
      view.apply(fsec("restart-marker"));
      view.awaitReady(NS, "restart-marker");

      assertThat(syncs(operator))
          .as("syncs after the restart: one per resource and the marker")
          .isEqualTo(N + 1.0);
      assertThat(ClusterView.value(view.secret(NS, "restart-0"), "k")).isEqualTo("v");
    }
  }

  private static double syncs(OperatorHarness operator) {
    return operator.runtime().metrics().registry().find("fidelius_syncs").counters().stream()
        .mapToDouble(Counter::count)
        .sum();
  }

  private static String fsec(String name) {
    return """
        apiVersion: fidelius.dev/v1alpha1
        kind: FideliusSecret
        metadata: {name: %s, namespace: %s}
        spec:
          storeRef: {name: %s, kind: ClusterFideliusStore}
          application: RST
          sdlc: dev
          refreshInterval: 1h
          data: [{name: restart, key: k}]
        """
        .formatted(name, NS, STORE);
  }
}
