package dev.fidelius.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fidelius.e2e.quickstart.DemoData;
import dev.fidelius.e2e.support.Cluster;
import dev.fidelius.e2e.support.ProjectPaths;
import dev.fidelius.operator.api.FideliusSecret;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The README's first command, end to end: {@code scripts/quickstart.sh} starts everything and syncs
 * every example (both backends, three AWS accounts), {@code rotate} visibly updates the Secrets and
 * restarts the workload, {@code stop} leaves no process behind. Runs the script as a user would, in
 * its own state directory.
 */
class QuickstartIT {

  private static final Path ROOT = ProjectPaths.root();
  private static final Path STATE = ROOT.resolve("e2e/target/quickstart-it");

  @AfterEach
  void stopEvenOnFailure() throws Exception {
    run("stop");
  }

  @Test
  void startShowsTheSyncedSecretsRotateUpdatesThemStopStopsEverything() throws Exception {
    Result start = run("start");
    assertThat(start.exitCode()).as(start.output()).isZero();
    assertThat(start.output())
        .contains("every FideliusSecret is Ready")
        .containsPattern(
            "Secret payments-dev/rotation-demo held the new version \\d+\\.\\d s later"
                + " \\(refreshInterval 1h")
        .contains("Secret payments-dev/payments-db, decoded")
        .containsPattern("password\\s+" + DemoData.DB_PASSWORD_VALUE)
        .containsPattern("username\\s+" + DemoData.DB_USERNAME_VALUE)
        .contains(
            "postgres://payments_app:p%40ss%20w%2Frd%3Ademo@payments-db.payments-dev.svc:5432/payments")
        .contains("$ kubectl get fsec -A")
        .contains("scripts/quickstart.sh rotate")
        .contains("scripts/quickstart.sh stop");
    List<Long> pids = pids();
    assertThat(pids).hasSize(4);

    String kubeconfig = Files.readString(STATE.resolve("kubeconfig"));
    assertThat(Files.readString(STATE.resolve("env")))
        .contains("KUBECONFIG=" + STATE.resolve("kubeconfig"));
    try (KubernetesClient client =
        new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(kubeconfig)).build()) {
      Cluster cluster = new Cluster(client);
      List<FideliusSecret> all =
          client.resources(FideliusSecret.class).inAnyNamespace().list().getItems();
      assertThat(all)
          .hasSize(9) // the examples' eight, and the change-events demo's
          .allSatisfy(
              f ->
                  assertThat(f.getStatus().getConditions())
                      .anySatisfy(
                          c ->
                              assertThat(c.getStatus() + "/" + c.getReason())
                                  .isEqualTo("True/Synced")));
      assertThat(cluster.value("payments-prod", "payments-db", "password"))
          .as("from the production account, by AssumeRole")
          .isEqualTo(DemoData.PROD_DB_PASSWORD_VALUE);
      assertThat(cluster.value("payments-dev", "payments-api-keys", "STRIPE_API_KEY"))
          .as("from the team's account, by AssumeRoleWithWebIdentity")
          .isEqualTo(DemoData.STRIPE_KEY_VALUE);
      assertThat(cluster.value("payments-dev", "payments-features", "feature_new_checkout"))
          .isEqualTo("enabled");
      assertThat(cluster.value("payments-dev", "payments-db-config", "db_port")).isEqualTo("5432");
      assertThat(cluster.value("payments-dev", "payments-checkout-banner", "CHECKOUT_BANNER"))
          .as("from Parameter Store")
          .isEqualTo(DemoData.CHECKOUT_BANNER_VALUE);
      assertThat(cluster.value("payments-dev", "payments-receipt-signing", "RECEIPT_SIGNING_KEY"))
          .as("from S3, a KMS envelope")
          .isEqualTo(DemoData.SIGNING_KEY_VALUE);

      Result rotate = run("rotate");
      assertThat(rotate.exitCode()).as(rotate.output()).isZero();
      assertThat(rotate.output())
          .contains("Rotated, and synced within")
          .containsPattern("password:\\s+" + DemoData.DB_PASSWORD_VALUE + " -> demo-rotated-")
          .containsPattern("restartedAt:\\s+never -> 20");
      assertThat(cluster.value("payments-dev", "payments-db", "password"))
          .startsWith("demo-rotated-");
      assertThat(
              client
                  .apps()
                  .deployments()
                  .inNamespace("payments-dev")
                  .withName("payments-api")
                  .get()
                  .getSpec()
                  .getTemplate()
                  .getMetadata()
                  .getAnnotations())
          .containsKey("kubectl.kubernetes.io/restartedAt");
    }

    Result status = run("status");
    assertThat(status.output())
        .containsPattern("operator\\s+running")
        .containsPattern("etcd\\s+running");
    Result again = run("start");
    assertThat(again.exitCode()).isZero();
    assertThat(again.output()).contains("already running");

    Result stop = run("stop");
    assertThat(stop.exitCode()).as(stop.output()).isZero();
    for (long pid : pids) {
      assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
          .as("pid %d stopped", pid)
          .isFalse();
    }
    assertThat(run("status").output()).doesNotContain("running");
    assertThat(Files.readString(STATE.resolve("logs/operator.log")))
        .doesNotContainIgnoringCase("forbidden");
  }

  private static List<Long> pids() throws IOException {
    List<Long> pids = new ArrayList<>();
    try (Stream<Path> files = Files.list(STATE.resolve("run"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".pid")).toList()) {
        pids.add(Long.parseLong(Files.readAllLines(f).get(0).trim()));
      }
    }
    return pids;
  }

  private record Result(int exitCode, String output) {}

  private static Result run(String command) throws IOException, InterruptedException {
    Path log = Files.createTempFile("quickstart-" + command + "-", ".log");
    ProcessBuilder builder =
        new ProcessBuilder("bash", ROOT.resolve("scripts/quickstart.sh").toString(), command)
            .directory(ROOT.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder.environment().put("FIDELIUS_QUICKSTART_DIR", STATE.toString());
    builder
        .environment()
        .put("FIDELIUS_QUICKSTART_BUILD", "never"); // the build under test made the jar
    Process process = builder.start();
    if (!process.waitFor(5, TimeUnit.MINUTES)) {
      process.destroy();
      throw new AssertionError(
          "quickstart.sh " + command + " took over 5 minutes:\n" + Files.readString(log));
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);
    System.out.println(
        "--- quickstart.sh " + command + " (exit " + process.exitValue() + ")\n" + output);
    return new Result(process.exitValue(), output);
  }
}
