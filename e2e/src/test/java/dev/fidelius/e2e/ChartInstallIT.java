package dev.fidelius.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.Release;
import dev.fidelius.e2e.support.Await;
import dev.fidelius.e2e.support.Chart;
import dev.fidelius.e2e.support.Cluster;
import dev.fidelius.operator.testsupport.KubeApiServer;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code helm install}, {@code upgrade} and {@code uninstall} of the chart against a real API
 * server (1.20, the oldest the chart supports), through helm-java: the API server accepts every
 * object, an upgrade moves the release from cluster-wide to scoped RBAC, and an uninstall keeps the
 * CRDs (and with them every FideliusSecret and the Secrets they own).
 */
class ChartInstallIT {

  private static final String RELEASE = "fidelius-operator";
  private static final String NS = "fidelius-system";
  private static final String ROLE_ARN = "arn:aws:iam::111122223333:role/fidelius-operator";

  private static KubeApiServer server;
  private static Cluster cluster;
  private static KubernetesClient client;

  @BeforeAll
  static void start() {
    server = KubeApiServer.start(); // its own: this test owns the CRDs and removes the release
    client = server.newClient();
    cluster = new Cluster(client);
  }

  @AfterAll
  static void stop() {
    if (client != null) {
      client.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void installUpgradeAndUninstallAgainstARealApiServer() {
    Release release =
        Chart.local()
            .install(
                RELEASE,
                NS,
                Map.of(
                    "replicaCount", 2,
                    "serviceAccount",
                        Map.of("annotations", Map.of("eks.amazonaws.com/role-arn", ROLE_ARN)),
                    "podDisruptionBudget", Map.of("enabled", true, "maxUnavailable", 1)),
                server.kubeconfigYaml());
    assertThat(release.getStatus()).isEqualTo("deployed");
    assertThat(release.getOutput()).as("NOTES.txt").contains("kubectl get fsec -A");

    cluster.awaitCrdsEstablished();
    assertThat(
            client
                .serviceAccounts()
                .inNamespace(NS)
                .withName(RELEASE)
                .get()
                .getMetadata()
                .getAnnotations())
        .containsEntry("eks.amazonaws.com/role-arn", ROLE_ARN);
    Deployment deployment = client.apps().deployments().inNamespace(NS).withName(RELEASE).get();
    assertThat(deployment.getSpec().getReplicas()).isEqualTo(2);
    assertThat(client.rbac().clusterRoles().withName(RELEASE).get()).isNotNull();
    assertThat(client.rbac().clusterRoleBindings().withName(RELEASE).get()).isNotNull();
    assertThat(client.rbac().roles().inNamespace(NS).withName(RELEASE + "-leader-election").get())
        .isNotNull();
    assertThat(client.services().inNamespace(NS).withName(RELEASE + "-metrics").get()).isNotNull();
    assertThat(
            client.policy().v1beta1().podDisruptionBudget().inNamespace(NS).withName(RELEASE).get())
        .as("policy/v1beta1 on a 1.20 API server")
        .isNotNull();

    cluster.namespace("team-a", Map.of());
    Release upgraded =
        Chart.local()
            .upgrade(
                RELEASE,
                NS,
                Map.of("scopedNamespace", "team-a", "scopedRBAC", true),
                server.kubeconfigYaml());
    assertThat(upgraded.getRevision()).isEqualTo("2");
    assertThat(client.rbac().clusterRoles().withName(RELEASE).get())
        .as("cluster-wide grants removed")
        .isNull();
    assertThat(client.rbac().roles().inNamespace("team-a").withName(RELEASE).get()).isNotNull();
    assertThat(
            client
                .apps()
                .deployments()
                .inNamespace(NS)
                .withName(RELEASE)
                .get()
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .get(0)
                .getEnv())
        .anySatisfy(
            e -> {
              assertThat(e.getName()).isEqualTo("FIDELIUS_WATCH_NAMESPACES");
              assertThat(e.getValue()).isEqualTo("team-a");
            });

    Chart.uninstall(RELEASE, NS, server.kubeconfigYaml());
    Await.until(
        "the release's objects are gone",
        () -> client.apps().deployments().inNamespace(NS).withName(RELEASE).get() == null);
    assertThat(client.serviceAccounts().inNamespace(NS).withName(RELEASE).get()).isNull();
    assertThat(client.rbac().roles().inNamespace("team-a").withName(RELEASE).get()).isNull();
    List<CustomResourceDefinition> crds =
        client.apiextensions().v1().customResourceDefinitions().list().getItems();
    assertThat(crds)
        .extracting(c -> c.getMetadata().getName())
        .as("kept: helm.sh/resource-policy keep")
        .contains(
            "fideliussecrets.fidelius.dev",
            "fideliusstores.fidelius.dev",
            "clusterfideliusstores.fidelius.dev");
  }
}
