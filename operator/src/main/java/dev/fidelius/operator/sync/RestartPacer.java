package dev.fidelius.operator.sync;

import dev.fidelius.operator.api.FideliusSecretStatus;
import dev.fidelius.operator.api.RolloutRestartPolicy;
import dev.fidelius.operator.config.Durations;
import dev.fidelius.operator.target.WorkloadRestarter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * Gentle rollout restarts: a data change starts a window in which further changes coalesce, then
 * the workloads restart once with the data as it is then; a workload restarted less than
 * minInterval ago waits until the interval is over (the change is never dropped: the restart stays
 * pending, in status, and the reconciler is rescheduled for it). Pending state lives in the
 * FideliusSecret's status and the last restart time on each workload, so an operator restart
 * neither loses nor repeats a restart.
 */
final class RestartPacer {

  static final Duration DEFAULT_WINDOW = Duration.ofSeconds(10);
  static final Duration DEFAULT_MIN_INTERVAL = Duration.ofMinutes(1);

  private final WorkloadRestarter restarter;
  private final Clock clock;

  RestartPacer(WorkloadRestarter restarter, Clock clock) {
    this.restarter = restarter;
    this.clock = clock;
  }

  /**
   * @param changed whether this sync changed data the workloads run with (never on a first sync)
   * @return null when nothing is to restart or wait for
   */
  WorkloadRestarter.Result pace(SyncRequest request, SyncPlan plan, String hash, boolean changed) {
    Instant now = clock.instant();
    Instant pendingSince = pendingSince(request.status());
    if (plan.restarts().isEmpty() || (!changed && pendingSince == null)) {
      return null;
    }
    Instant since = pendingSince != null ? pendingSince : now;
    RolloutRestartPolicy policy = request.spec().getRolloutRestartPolicy();
    Duration window = duration(policy == null ? null : policy.getWindow(), DEFAULT_WINDOW);
    Instant windowEnd = since.plus(window);
    if (now.isBefore(windowEnd)) {
      List<String> waiting =
          plan.restarts().stream().map(t -> t.getKind() + "/" + t.getName()).toList();
      return new WorkloadRestarter.Result(
          List.of(), List.of(), List.of(), waiting, since, windowEnd, true);
    }
    Duration minInterval =
        duration(policy == null ? null : policy.getMinInterval(), DEFAULT_MIN_INTERVAL);
    return restarter
        .restart(request.namespace(), request.name(), plan.restarts(), hash, minInterval)
        .pending(since);
  }

  private static Instant pendingSince(FideliusSecretStatus status) {
    if (status == null || status.getRestartPendingSince() == null) {
      return null;
    }
    try {
      return Instant.parse(status.getRestartPendingSince());
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static Duration duration(String text, Duration fallback) {
    return text == null ? fallback : Durations.parse(text).orElse(fallback);
  }
}
