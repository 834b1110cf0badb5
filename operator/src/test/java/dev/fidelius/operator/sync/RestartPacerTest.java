package dev.fidelius.operator.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fidelius.operator.api.FideliusSecretSpec;
import dev.fidelius.operator.api.FideliusSecretStatus;
import dev.fidelius.operator.api.RolloutRestartPolicy;
import dev.fidelius.operator.api.RolloutRestartTarget;
import dev.fidelius.operator.api.RolloutTargetKind;
import dev.fidelius.operator.target.ObservedTarget;
import dev.fidelius.operator.target.WorkloadRestarter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Changes coalesce within the window; a waiting restart survives in status until it happens. */
class RestartPacerTest {

  private static final Instant T0 = Instant.parse("2024-06-01T12:00:00Z");
  private final List<Duration> restarterCalls = new ArrayList<>();
  private final WorkloadRestarter restarter =
      new WorkloadRestarter() {
        @Override
        public Result restart(
            String ns, String name, List<RolloutRestartTarget> targets, String hash) {
          throw new AssertionError("the paced call passes minInterval");
        }

        @Override
        public Result restart(
            String ns, String name, List<RolloutRestartTarget> targets, String hash, Duration min) {
          restarterCalls.add(min);
          return new Result(List.of("Deployment/web"), List.of(), List.of());
        }
      };

  @Test
  void aChangeWaitsForTheWindowThenRestartsOnce() {
    WorkloadRestarter.Result first = pacer(T0).pace(request(null), plan(), "h1", true);

    assertThat(first.coalescing()).isTrue();
    assertThat(first.pendingSince()).isEqualTo(T0);
    assertThat(first.retryAt()).isEqualTo(T0.plusSeconds(10));
    assertThat(restarterCalls).isEmpty();

    WorkloadRestarter.Result later = pacer(T0.plusSeconds(4)).pace(request(T0), plan(), "h2", true);
    assertThat(later.pendingSince()).as("a further change joins the wait").isEqualTo(T0);
    assertThat(restarterCalls).isEmpty();

    WorkloadRestarter.Result due = pacer(T0.plusSeconds(10)).pace(request(T0), plan(), "h2", false);
    assertThat(due.restarted()).containsExactly("Deployment/web");
    assertThat(due.pendingSince()).as("nothing waits any more").isNull();
    assertThat(restarterCalls).containsExactly(Duration.ofMinutes(1));
  }

  @Test
  void nothingChangedAndNothingWaitingRestartsNothing() {
    assertThat(pacer(T0).pace(request(null), plan(), "h1", false)).isNull();
    assertThat(restarterCalls).isEmpty();
  }

  @Test
  void thePolicyOverridesTheDefaults() {
    RolloutRestartPolicy policy = new RolloutRestartPolicy();
    policy.setWindow("0");
    policy.setMinInterval("5m");
    SyncRequest request = request(null);
    request.spec().setRolloutRestartPolicy(policy);

    WorkloadRestarter.Result now = pacer(T0).pace(request, plan(), "h1", true);

    assertThat(now.restarted()).containsExactly("Deployment/web");
    assertThat(restarterCalls).containsExactly(Duration.ofMinutes(5));
  }

  private RestartPacer pacer(Instant now) {
    return new RestartPacer(restarter, Clock.fixed(now, ZoneOffset.UTC));
  }

  private static SyncRequest request(Instant pendingSince) {
    FideliusSecretStatus status = new FideliusSecretStatus();
    status.setRestartPendingSince(pendingSince == null ? null : pendingSince.toString());
    return new SyncRequest(
        "ns",
        "app",
        "u1",
        new FideliusSecretSpec(),
        status,
        Optional.empty(),
        Map.of(),
        new ObservedTarget(null));
  }

  private static SyncPlan plan() {
    RolloutRestartTarget web = new RolloutRestartTarget();
    web.setKind(RolloutTargetKind.Deployment);
    web.setName("web");
    return new SyncPlan(null, Duration.ofMinutes(1), null, null, null, null, List.of(web));
  }
}
