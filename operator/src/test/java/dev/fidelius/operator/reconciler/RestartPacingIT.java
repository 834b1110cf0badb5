package dev.fidelius.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fidelius.operator.api.FideliusSecret;
import dev.fidelius.operator.testsupport.AwsTestClients;
import dev.fidelius.operator.testsupport.KubeApiServer;
import dev.fidelius.operator.testsupport.MotoServer;
import dev.fidelius.operator.testsupport.TestServers;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Gentle restarts on a real API server: rotations within the window cause one restart, and a burst
 * of rotations restarts a workload at most once per minInterval while the last change still
 * arrives.
 */
@ExtendWith(TestServers.class)
class RestartPacingIT {

  private static final String NS = "pacing";
  private static final Duration WAIT = Duration.ofSeconds(90);

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
    apply(
        """
        apiVersion: fidelius.dev/v1alpha1
        kind: ClusterFideliusStore
        metadata: {name: sm-pacing}
        spec:
          provider:
            secretsManager: {region: us-east-1}
          endpoints: {secretsManager: "%1$s", sts: "%1$s"}
          access:
            rules:
            - {namespaces: [pacing], applications: ["*"], sdlcs: [dev]}
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
  void fiveSecretsRotatedTogetherCauseOneRestart() {
    String name = "five-" + suffix();
    long initial = setUp(name, "3s", "30s");

    IntStream.range(0, 5).forEach(i -> rotate(name, i, "v2"));

    await("restarted for the last data", () -> settled(name));
    assertThat(generation(name) - initial).as("one restart for five rotations").isEqualTo(1);
  }

  @Test
  void fiftyRotationsRestartAtMostOncePerMinIntervalAndTheLastOneArrives() throws Exception {
    String name = "fifty-" + suffix();
    long initial = setUp(name, "1s", "6s");
    long started = System.nanoTime();

    for (int n = 1; n <= 50; n++) {
      rotate(name, n % 5, "r" + n);
      Thread.sleep(300); // rotations spread over about 20 s, landing in many sweeps
    }
    await("restarted for the last data", () -> settled(name));
    long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();

    long restarts = generation(name) - initial;
    assertThat(restarts)
        .as("restarts over %d s with minInterval 6s", seconds)
        .isBetween(2L, seconds / 6 + 1);
    FideliusSecret fsec = fsec(name);
    assertThat(fsec.getStatus().getSyncedVersions()).hasSize(5);
    assertThat(kube.secrets().inNamespace(NS).withName(name).get().getData()).hasSize(5);
  }

  /**
   * A Deployment, five secrets and a FideliusSecret restarting the Deployment; the generation once
   * Ready.
   */
  private static long setUp(String name, String window, String minInterval) {
    kube.apps()
        .deployments()
        .inNamespace(NS)
        .resource(
            new DeploymentBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(NS)
                .endMetadata()
                .withNewSpec()
                .withNewSelector()
                .addToMatchLabels("app", name)
                .endSelector()
                .withNewTemplate()
                .withNewMetadata()
                .addToLabels("app", name)
                .endMetadata()
                .withNewSpec()
                .addNewContainer()
                .withName("app")
                .withImage("example/app:1")
                .endContainer()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build())
        .create();
    StringBuilder data = new StringBuilder();
    for (int i = 0; i < 5; i++) {
      String secret = name + "-" + i;
      sm.createSecret(b -> b.name("PAYMENTS.dev." + secret).secretString("v1"));
      data.append("\n  - {name: ").append(secret).append("}");
    }
    apply(
        """
        apiVersion: fidelius.dev/v1alpha1
        kind: FideliusSecret
        metadata: {name: %1$s, namespace: pacing}
        spec:
          storeRef: {name: sm-pacing, kind: ClusterFideliusStore}
          application: PAYMENTS
          sdlc: dev
          refreshInterval: 1s
          rolloutRestartPolicy: {window: %2$s, minInterval: %3$s}
          rolloutRestartTargets: [{kind: Deployment, name: %1$s}]
          data:%4$s
        """
            .formatted(name, window, minInterval, data));
    await("Ready", () -> "5/5".equals(fsec(name).getStatus().getItemsSummary()));
    return generation(name);
  }

  /** The Deployment was restarted for the data the Secret holds, and no restart waits. */
  private static boolean settled(String name) {
    FideliusSecret fsec = fsec(name);
    Map<String, String> annotations =
        deployment(name).getSpec().getTemplate().getMetadata().getAnnotations();
    return fsec.getStatus().getRestartPendingSince() == null
        && annotations != null
        && fsec.getStatus().getDataHash().equals(annotations.get("checksum.fidelius.dev/" + name))
        && holdsLatest(name);
  }

  private static boolean holdsLatest(String name) {
    List<String> current =
        IntStream.range(0, 5)
            .mapToObj(
                i ->
                    sm
                        .describeSecret(b -> b.secretId("PAYMENTS.dev." + name + "-" + i))
                        .versionIdsToStages()
                        .entrySet()
                        .stream()
                        .filter(e -> e.getValue().contains("AWSCURRENT"))
                        .map(Map.Entry::getKey)
                        .findFirst()
                        .orElse(""))
            .toList();
    Map<String, String> synced = fsec(name).getStatus().getSyncedVersions();
    return IntStream.range(0, 5).allMatch(i -> current.get(i).equals(synced.get(name + "-" + i)));
  }

  private static void rotate(String name, int i, String value) {
    sm.putSecretValue(b -> b.secretId("PAYMENTS.dev." + name + "-" + i).secretString(value));
  }

  private static long generation(String name) {
    return deployment(name).getMetadata().getGeneration();
  }

  private static Deployment deployment(String name) {
    return kube.apps().deployments().inNamespace(NS).withName(name).get();
  }

  private static FideliusSecret fsec(String name) {
    return kube.resources(FideliusSecret.class).inNamespace(NS).withName(name).get();
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

  private static String suffix() {
    return UUID.randomUUID().toString().substring(0, 6);
  }
}
