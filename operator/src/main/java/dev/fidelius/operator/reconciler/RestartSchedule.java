package dev.fidelius.operator.reconciler;

import dev.fidelius.operator.api.FideliusSecret;
import dev.fidelius.operator.metrics.OperatorMetrics;
import dev.fidelius.operator.status.EventRecorder;
import dev.fidelius.operator.target.WorkloadRestarter;
import java.time.Duration;
import java.time.Instant;

/**
 * The reconciler's part of gentle restarts: reconcile again when a waiting restart is due (so a
 * change is never dropped), and say what was restarted and what waits, in Events and metrics.
 */
final class RestartSchedule {

  private static final Duration AT_LEAST = Duration.ofMillis(500);

  private RestartSchedule() {}

  /** The sooner of the planned next run and the time a waiting restart is due. */
  static Duration sooner(Duration planned, WorkloadRestarter.Result restarts, Instant now) {
    if (restarts == null || restarts.retryAt() == null) {
      return planned;
    }
    Duration due = Duration.between(now, restarts.retryAt());
    due = due.compareTo(AT_LEAST) < 0 ? AT_LEAST : due;
    return planned == null || due.compareTo(planned) < 0 ? due : planned;
  }

  static void recordWaiting(OperatorMetrics metrics, WorkloadRestarter.Result restarts) {
    if (!restarts.deferred().isEmpty()) {
      metrics.recordRestartsWaiting(
          coalescing(restarts) ? "coalescing" : "deferred", restarts.deferred().size());
    }
  }

  /** One Event per restart pass that restarted something; waits are told once, when they begin. */
  static void announce(
      EventRecorder events, FideliusSecret fsec, WorkloadRestarter.Result restarts) {
    if (restarts == null) {
      return;
    }
    if (!restarts.restarted().isEmpty()) {
      events.normal(
          fsec, "RolloutRestarted", "restarted " + String.join(", ", restarts.restarted()));
    }
    boolean waitBegins =
        fsec.getStatus() == null || fsec.getStatus().getRestartPendingSince() == null;
    if (!restarts.deferred().isEmpty() && waitBegins) {
      String why =
          coalescing(restarts)
              ? "coalescing further changes until "
              : "restarted less than minInterval ago; waits until ";
      events.normal(
          fsec,
          "RolloutRestartDeferred",
          String.join(", ", restarts.deferred()) + ": " + why + restarts.retryAt());
    }
  }

  private static boolean coalescing(WorkloadRestarter.Result restarts) {
    return restarts.coalescing();
  }
}
