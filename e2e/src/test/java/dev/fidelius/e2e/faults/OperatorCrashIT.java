package dev.fidelius.e2e.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fidelius.e2e.support.Await;
import dev.fidelius.e2e.support.ChartEnvironment;
import dev.fidelius.e2e.support.Cluster;
import dev.fidelius.e2e.support.E2eWorld;
import dev.fidelius.e2e.support.IrsaIdentity;
import dev.fidelius.e2e.support.OperatorProcess;
import dev.fidelius.e2e.support.SecretWatchdog;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The operator is killed with SIGKILL in the middle of a sync wave and restarted (as the kubelet
 * restarts the container), twice: once right after the first Secret of the wave is written, once
 * right after the first workload is restarted (between the restart and the status write). One
 * reconcile at a time, so the kill lands mid-reconcile. Afterwards no update is lost and no
 * workload is restarted twice or not at all.
 */
@ExtendWith(SuiteReport.class)
class OperatorCrashIT {

  private static final String NS = "e2e-crash";
  private static final String POD = "fidelius-operator-crash-0";
  private static final Duration REFRESH = Duration.ofSeconds(2);

  private static ScenarioLedger ledger;
  private static OperatorProcess operator;

  @AfterAll
  static void stop() {
    if (operator != null) {
      operator.stop();
    }
    if (ledger != null) {
      ledger.finish(E2eWorld.get().kube());
    }
  }

  @Test
  void aSigkillMidReconcileLosesNoUpdateAndRestartsEachWorkloadOnce() {
    E2eWorld world = E2eWorld.get();
    Cluster kube = world.kube();
    ledger = new ScenarioLedger("Operator SIGKILL mid-reconcile");
    SecretWatchdog watch = ledger.watch(new SecretWatchdog(world.client(), NS));
    Fleet fleet = new Fleet(world, NS, "CRASH", 16, REFRESH.toSeconds() + "s", watch);
    IrsaIdentity identity =
        IrsaIdentity.create(
            world.client(),
            "fidelius-system",
            "fidelius-operator-crash",
            world.workDir("operator-crash").resolve("token"),
            world.moto().endpoint());
    Path dir = world.workDir("operator-crash");
    ChartEnvironment chart = ChartEnvironment.defaults().scopedNamespace(NS).concurrent(1);
    operator = world.startOperator(POD, chart, identity, dir);
    operator.awaitReady(Duration.ofSeconds(90));
    Await.until("the fleet synced", Duration.ofSeconds(90), fleet::converged, fleet::state);

    List<String> kills = new ArrayList<>();
    String[] triggers = {"first Secret written", "first workload restarted"};
    for (int cycle = 1; cycle <= 2; cycle++) {
      List<String> all = fleet.names();
      fleet.rotate(all, "v" + cycle);
      int expected = cycle;
      BooleanSupplier trigger =
          cycle == 1
              ? () -> {
                watch.checkNow();
                return fleet.updated(all) > 0;
              }
              : () -> all.stream().anyMatch(n -> kube.restarts(NS, n) >= expected);
      Await.until(triggers[cycle - 1], Duration.ofSeconds(30), trigger, fleet::state);
      operator.kill();
      watch.checkNow();
      long written = fleet.updated(all);
      long restarted = all.stream().filter(n -> kube.restarts(NS, n) >= expected).count();
      Instant killed = Instant.now();

      operator = world.startOperator(POD, chart, identity, dir);
      Await.until(
          "cycle " + cycle + ": every Secret holds its latest data, every workload restarted once",
          Duration.ofSeconds(120),
          fleet::converged,
          fleet::state);
      Duration converged = Duration.between(killed, Instant.now());
      operator.awaitMoreUnchangedSyncs(
          2 * all.size()); // two refreshes of each, then nothing restarted again
      assertThat(fleet.wrongRestartCounts())
          .as("workloads restarted other than once per change")
          .isEmpty();
      kills.add(
          "SIGKILL after "
              + triggers[cycle - 1]
              + " ("
              + written
              + "/"
              + all.size()
              + " Secrets written, "
              + restarted
              + " workloads restarted), converged "
              + converged.toSeconds()
              + " s later");
    }
    kills.forEach(ledger::fault);

    // A plain restart (an upgrade, a rescheduled pod) with nothing rotated writes nothing and
    // restarts nothing.
    Map<String, String> secretVersions = new HashMap<>();
    fleet
        .names()
        .forEach(
            n ->
                secretVersions.put(
                    n,
                    world
                        .client()
                        .secrets()
                        .inNamespace(NS)
                        .withName(n)
                        .get()
                        .getMetadata()
                        .getResourceVersion()));
    operator.stop();
    operator = world.startOperator(POD, chart, identity, dir);
    operator.awaitReady(Duration.ofSeconds(90));
    Await.until(
        "the restarted operator confirmed every FideliusSecret",
        Duration.ofSeconds(60),
        () ->
            operator.metric("fidelius_syncs_total", "result", "unchanged") >= fleet.names().size());
    operator.awaitMoreUnchangedSyncs(2 * fleet.names().size());
    for (String n : fleet.names()) {
      assertThat(
              world
                  .client()
                  .secrets()
                  .inNamespace(NS)
                  .withName(n)
                  .get()
                  .getMetadata()
                  .getResourceVersion())
          .as("Secret %s rewritten by a restart with no change", n)
          .isEqualTo(secretVersions.get(n));
    }
    assertThat(fleet.wrongRestartCounts())
        .as("workloads restarted by an operator restart")
        .isEmpty();
    assertThat(operator.metric("fidelius_syncs_total", "result", "changed"))
        .as("changed syncs after the restart")
        .isZero();
    ledger.fault(
        "1 graceful restart with nothing rotated: no Secret written, no workload restarted");
  }
}
