package dev.fidelius.e2e.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fidelius.e2e.support.Await;
import dev.fidelius.e2e.support.ChartEnvironment;
import dev.fidelius.e2e.support.E2eWorld;
import dev.fidelius.e2e.support.IrsaIdentity;
import dev.fidelius.e2e.support.OperatorProcess;
import dev.fidelius.e2e.support.SecretWatchdog;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The API server crashes in the middle of a sync wave and comes back (same port, same etcd). The
 * operator runs one reconcile at a time (the chart's {@code concurrent: 1}) so that the crash lands
 * mid-wave: some Secrets have their new data, some do not, one write may be in flight. While the
 * API server is down, more secrets rotate in AWS. Afterwards every Secret holds its latest data (no
 * lost update) and every workload was restarted exactly once for its change (no duplicate, none
 * missing), without restarting the operator.
 */
@ExtendWith(SuiteReport.class)
class ApiServerRestartIT {

  private static final String NS = "e2e-apiserver";
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
  void anApiServerCrashMidSyncLosesNoUpdateAndRestartsEachWorkloadOnce() {
    E2eWorld world = E2eWorld.get();
    ledger = new ScenarioLedger("API server crash mid-sync");
    SecretWatchdog watch = ledger.watch(new SecretWatchdog(world.client(), NS));
    Fleet fleet = new Fleet(world, NS, "APIRESTART", 20, REFRESH.toSeconds() + "s", watch);
    List<String> wave = fleet.names().subList(0, 16);
    List<String> whileDown = fleet.names().subList(16, 20);
    IrsaIdentity identity =
        IrsaIdentity.create(
            world.client(),
            "fidelius-system",
            "fidelius-operator-apiserver",
            world.workDir("apiserver-restart").resolve("token"),
            world.moto().endpoint());
    operator =
        world.startOperator(
            "fidelius-operator-apiserver-0",
            ChartEnvironment.defaults().scopedNamespace(NS).concurrent(1),
            identity,
            world.workDir("apiserver-restart"));
    operator.awaitReady(Duration.ofSeconds(90));
    Await.until("the fleet synced", Duration.ofSeconds(90), fleet::converged, fleet::state);

    fleet.rotate(wave, "v1");
    Await.until(
        "the first Secret of the wave updated",
        Duration.ofSeconds(30),
        () -> {
          watch.checkNow();
          return fleet.updated(wave) > 0;
        },
        fleet::state);
    world.apiServer().stopApiServer(false);
    Instant crashed = Instant.now();
    long updatedAtCrash = fleet.updated(wave);

    fleet.rotate(whileDown, "v1"); // AWS does not wait for the API server
    Await.sleep(REFRESH.multipliedBy(3));
    Instant restarting = Instant.now();
    world.apiServer().startAgain(); // returns once it serves again
    Instant back = Instant.now();

    Await.until(
        "every Secret holds its latest data and every workload restarted once",
        Duration.ofSeconds(120),
        fleet::converged,
        fleet::state);
    Duration converged = Duration.between(back, Instant.now());
    operator.awaitMoreUnchangedSyncs(2 * fleet.names().size());
    assertThat(fleet.wrongRestartCounts())
        .as("workloads restarted other than once per change")
        .isEmpty();
    assertThat(operator.isAlive()).as("the operator survived the API server's crash").isTrue();
    Await.until(
        "the operator's liveness and readiness probes pass again",
        Duration.ofSeconds(60),
        () -> operator.probe("/healthz") == 200 && operator.probe("/readyz") == 200,
        () -> "healthz " + operator.probe("/healthz") + ", readyz " + operator.probe("/readyz"));
    ledger.fault(
        "API server killed with "
            + updatedAtCrash
            + " of "
            + wave.size()
            + " wave updates written, down "
            + Duration.between(crashed, back).toSeconds()
            + " s ("
            + Duration.between(restarting, back).toSeconds()
            + " s of it starting again), "
            + whileDown.size()
            + " rotations while down; converged "
            + converged.toMillis() / 100 / 10.0
            + " s after it served again");
  }
}
