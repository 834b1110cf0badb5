package dev.fidelius.operator.target;

import dev.fidelius.operator.api.RolloutRestartTarget;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Restarts workloads whose pods read a Secret only at start, once per data change. */
public interface WorkloadRestarter {

  /**
   * Outcome per target: restarted, already restarted for this hash, deferred (restarted less than
   * minInterval ago, or changes still coalescing), or a problem (missing workload).
   *
   * @param pendingSince since when a restart waits (null when none does)
   * @param retryAt when to try the deferred ones again (null when none is deferred)
   * @param coalescing true when every target waits for the window to close (nothing was asked of
   *     them yet)
   */
  record Result(
      List<String> restarted,
      List<String> skipped,
      List<String> problems,
      List<String> deferred,
      Instant pendingSince,
      Instant retryAt,
      boolean coalescing) {

    public Result(List<String> restarted, List<String> skipped, List<String> problems) {
      this(restarted, skipped, problems, List.of(), null, null, false);
    }

    /** The same result, a restart still waiting since {@code since}. */
    public Result pending(Instant since) {
      return new Result(
          restarted,
          skipped,
          problems,
          deferred,
          deferred.isEmpty() ? null : since,
          retryAt,
          coalescing);
    }
  }

  Result restart(
      String namespace, String fideliusSecret, List<RolloutRestartTarget> targets, String dataHash);

  /**
   * Restarts, but not a workload restarted less than {@code minInterval} ago: that one is deferred.
   */
  default Result restart(
      String namespace,
      String fideliusSecret,
      List<RolloutRestartTarget> targets,
      String dataHash,
      Duration minInterval) {
    return restart(namespace, fideliusSecret, targets, dataHash);
  }
}
