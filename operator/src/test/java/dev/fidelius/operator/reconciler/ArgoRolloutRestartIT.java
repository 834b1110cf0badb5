package dev.fidelius.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fidelius.operator.testsupport.AwsTestClients;
import dev.fidelius.operator.testsupport.KubeApiServer;
import dev.fidelius.operator.testsupport.MotoServer;
import dev.fidelius.operator.testsupport.TestServers;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Argo Rollouts as a restart target on a real API server, with the Rollout CRD installed from a
 * minimal manifest (no Argo controller runs: the test checks what the operator asks of it, {@code
 * spec.restartAt}).
 */
@ExtendWith(TestServers.class)
class ArgoRolloutRestartIT {

  private static final String NS = "argo";
  private static final Duration WAIT = Duration.ofSeconds(45);
  private static final String CHECKSUM = "checksum.fidelius.dev/";

  private static OperatorHarness operator;
  private static KubernetesClient kube;
  private static AwsTestClients aws;
  private static SecretsManagerClient sm;

  @BeforeAll
  static void start(KubeApiServer server, MotoServer moto) {
    aws = new AwsTestClients();
    sm = aws.secretsManager(moto.endpoint());
    operator = new OperatorHarness(server, Map.of()).start();
    kube = operator.client();
    operator.namespace(NS, Map.of());
    CustomResourceDefinition crd =
        Serialization.unmarshal(
            """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata: {name: rollouts.argoproj.io}
        spec:
          group: argoproj.io
          names: {kind: Rollout, plural: rollouts, singular: rollout, listKind: RolloutList}
          scope: Namespaced
          versions:
          - name: v1alpha1
            served: true
            storage: true
            schema:
              openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}
        """,
            CustomResourceDefinition.class);
    kube.apiextensions().v1().customResourceDefinitions().resource(crd).serverSideApply();
    kube.apiextensions()
        .v1()
        .customResourceDefinitions()
        .withName("rollouts.argoproj.io")
        .waitUntilCondition(
            c ->
                c != null
                    && c.getStatus() != null
                    && c.getStatus().getConditions() != null
                    && c.getStatus().getConditions().stream()
                        .anyMatch(
                            x -> "Established".equals(x.getType()) && "True".equals(x.getStatus())),
            30,
            TimeUnit.SECONDS);
    apply(
        """
        apiVersion: fidelius.dev/v1alpha1
        kind: ClusterFideliusStore
        metadata: {name: sm-argo}
        spec:
          provider:
            secretsManager: {region: us-east-1}
          endpoints: {secretsManager: "%1$s", sts: "%1$s"}
          access:
            rules:
            - {namespaces: [argo], applications: ["*"], sdlcs: [dev]}
        """
            .formatted(moto.endpoint()));
  }

  @AfterAll
  static void stop() {
    if (operator != null) {
      operator.close();
    }
    aws.close();
  }

  @Test
  void aRolloutIsRestartedThroughRestartAtOncePerChange() {
    String name = "argo-" + UUID.randomUUID().toString().substring(0, 6);
    sm.createSecret(b -> b.name("PAYMENTS.dev." + name).secretString("one"));
    apply(
        """
        apiVersion: argoproj.io/v1alpha1
        kind: Rollout
        metadata: {name: %1$s, namespace: argo}
        spec:
          selector: {matchLabels: {app: %1$s}}
          template:
            metadata: {labels: {app: %1$s}}
            spec: {containers: [{name: app, image: example/app:1}]}
        """
            .formatted(name));
    apply(
        """
        apiVersion: fidelius.dev/v1alpha1
        kind: FideliusSecret
        metadata: {name: %1$s, namespace: argo}
        spec:
          storeRef: {name: sm-argo, kind: ClusterFideliusStore}
          application: PAYMENTS
          sdlc: dev
          refreshInterval: 1s
          data: [{name: %1$s}]
          rolloutRestartTargets: [{kind: Rollout, name: %1$s}]
        """
            .formatted(name));
    await("the first sync", () -> kube.secrets().inNamespace(NS).withName(name).get() != null);
    assertThat(spec(name).get("restartAt")).as("no restart on the first sync").isNull();

    sm.putSecretValue(b -> b.secretId("PAYMENTS.dev." + name).secretString("two"));
    await("restartAt set", () -> spec(name).get("restartAt") != null);
    GenericKubernetesResource restarted = rollout(name).get();
    Object restartAt = spec(name).get("restartAt");
    assertThat(restarted.getMetadata().getAnnotations()).containsKey(CHECKSUM + name);
    @SuppressWarnings("unchecked")
    Map<String, Object> template = (Map<String, Object>) spec(name).get("template");
    assertThat(template.toString())
        .as("the pod template is left alone: no new revision")
        .doesNotContain("restartedAt")
        .doesNotContain(CHECKSUM);

    // Unchanged refreshes (every second) restart nothing more: three more syncs, of which at least
    // two began after the one that restarted.
    new ClusterView(kube, WAIT).awaitMoreSyncs(NS, name, 3);
    assertThat(spec(name).get("restartAt")).isEqualTo(restartAt);
  }

  private static Resource<GenericKubernetesResource> rollout(String name) {
    return kube.genericKubernetesResources("argoproj.io/v1alpha1", "Rollout")
        .inNamespace(NS)
        .withName(name);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> spec(String name) {
    return (Map<String, Object>) rollout(name).get().getAdditionalProperties().get("spec");
  }

  private static void apply(String yaml) {
    kube.resource((HasMetadata) Serialization.unmarshal(yaml)).serverSideApply();
  }

  private static void await(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      try {
        if (condition.getAsBoolean()) {
          return;
        }
      } catch (RuntimeException notYet) {
        // not there yet
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted", e);
      }
    }
    throw new AssertionError("timed out waiting for " + what);
  }
}
