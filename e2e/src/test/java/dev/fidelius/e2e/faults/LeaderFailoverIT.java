package dev.fidelius.e2e.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fidelius.e2e.support.Await;
import dev.fidelius.e2e.support.ChartEnvironment;
import dev.fidelius.e2e.support.E2eWorld;
import dev.fidelius.e2e.support.IrsaIdentity;
import dev.fidelius.e2e.support.OperatorProcess;
import dev.fidelius.e2e.support.SecretWatchdog;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two replicas with leader election (the chart with {@code replicaCount: 2}): one holds the Lease
 * and reconciles, the other stands by and writes nothing. The leader is killed with SIGKILL while
 * rotations wait; the standby takes the Lease, syncs them, and restarts each workload once. A
 * replacement replica then joins as the new standby, and one more rotation is again synced once, by
 * the new leader only.
 */
@ExtendWith(SuiteReport.class)
class LeaderFailoverIT {

  private static final String NS = "e2e-leader";
  private static final Duration REFRESH = Duration.ofSeconds(2);

  private static ScenarioLedger ledger;
  private static final List<OperatorProcess> replicas = new ArrayList<>();

  @AfterAll
  static void stop() {
    replicas.forEach(OperatorProcess::stop);
    if (ledger != null) {
      ledger.finish(E2eWorld.get().kube());
    }
  }

  @Test
  void theStandbyTakesOverWhenTheLeaderIsKilledAndNothingIsSyncedTwice() {
    E2eWorld world = E2eWorld.get();
    KubernetesClient client = world.client();
    ledger = new ScenarioLedger("Leader election, leader SIGKILLed");
    SecretWatchdog watch = ledger.watch(new SecretWatchdog(client, NS));
    Fleet fleet = new Fleet(world, NS, "LEADER", 8, REFRESH.toSeconds() + "s", watch);
    IrsaIdentity identity =
        IrsaIdentity.create(
            client,
            "fidelius-system",
            "fidelius-operator-leader",
            world.workDir("leader-failover").resolve("token"),
            world.moto().endpoint());
    Path dir = world.workDir("leader-failover");
    ChartEnvironment chart0 = chart();
    OperatorProcess a = start(world, "fidelius-operator-leader-a", chart0, identity, dir);
    OperatorProcess b = start(world, "fidelius-operator-leader-b", chart(), identity, dir);
    Await.until(
        "a replica holds the Lease", Duration.ofSeconds(60), () -> holder(client, chart0) != null);
    OperatorProcess leader = holder(client, chart0).startsWith(a.name() + "-") ? a : b;
    OperatorProcess standby = leader == a ? b : a;
    Await.until(
        "the fleet synced by the leader", Duration.ofSeconds(90), fleet::converged, fleet::state);

    fleet.rotate(fleet.names(), "v1");
    Await.until("rotation 1 synced", Duration.ofSeconds(60), fleet::converged, fleet::state);
    assertThat(standby.metric("fidelius_syncs_total"))
        .as("syncs by the standby while the leader lives")
        .isZero();
    // A standby must pass its probes, or Kubernetes would restart it or hold a rollout on it.
    assertThat(standby.probe("/healthz")).as("standby /healthz").isEqualTo(200);
    assertThat(standby.probe("/readyz")).as("standby /readyz").isEqualTo(200);
    assertThat(leader.metric("fidelius_syncs_total")).as("syncs by the leader").isPositive();

    leader.kill();
    Instant killed = Instant.now();
    fleet.rotate(fleet.names(), "v2"); // waiting for whoever leads next
    Await.until(
        "the standby holds the Lease",
        Duration.ofSeconds(60),
        () ->
            holder(client, chart0) != null
                && holder(client, chart0).startsWith(standby.name() + "-"));
    Duration takeover = Duration.between(killed, Instant.now());
    Await.until(
        "rotation 2 synced by the new leader",
        Duration.ofSeconds(60),
        fleet::converged,
        fleet::state);
    Duration converged = Duration.between(killed, Instant.now());

    OperatorProcess replacement =
        start(world, "fidelius-operator-leader-c", chart(), identity, dir);
    standby.awaitMoreUnchangedSyncs(
        fleet.names().size()); // the replacement stood by through a whole refresh
    fleet.rotate(fleet.names(), "v3");
    Await.until("rotation 3 synced", Duration.ofSeconds(60), fleet::converged, fleet::state);
    standby.awaitMoreUnchangedSyncs(2 * fleet.names().size());
    assertThat(fleet.wrongRestartCounts())
        .as("workloads restarted other than once per change")
        .isEmpty();
    assertThat(replacement.metric("fidelius_syncs_total")).as("syncs by the new standby").isZero();
    assertThat(holder(client, chart0)).as("Lease holder").startsWith(standby.name() + "-");
    ledger.fault(
        "leader SIGKILLed with 8 rotations pending; standby took the Lease after "
            + takeover.toSeconds()
            + " s and synced them "
            + converged.toSeconds()
            + " s after the kill; replacement replica stood by");
  }

  private static ChartEnvironment chart() {
    return ChartEnvironment.defaults().scopedNamespace(NS).leaderElect(true);
  }

  private static OperatorProcess start(
      E2eWorld world, String pod, ChartEnvironment chart, IrsaIdentity identity, Path dir) {
    OperatorProcess p = world.startOperator(pod, chart, identity, dir);
    replicas.add(p);
    p.awaitServing(Duration.ofSeconds(90));
    return p;
  }

  private static String holder(KubernetesClient client, ChartEnvironment chart) {
    Lease lease =
        client.leases().inNamespace(chart.releaseNamespace()).withName(chart.leaseName()).get();
    return lease == null || lease.getSpec() == null ? null : lease.getSpec().getHolderIdentity();
  }
}
