package dev.fidelius.operator.target;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What one restart pass did per workload, and when to retry the deferred ones (the earliest time).
 */
final class RestartTally {

  final List<String> restarted = new ArrayList<>();
  final List<String> skipped = new ArrayList<>();
  final List<String> problems = new ArrayList<>();
  final List<String> deferred = new ArrayList<>();
  private Instant retryAt;

  void defer(String label, Instant until) {
    deferred.add(label);
    retryAt = retryAt == null || until.isBefore(retryAt) ? until : retryAt;
  }

  WorkloadRestarter.Result result() {
    return new WorkloadRestarter.Result(
        List.copyOf(restarted),
        List.copyOf(skipped),
        List.copyOf(problems),
        List.copyOf(deferred),
        null,
        retryAt,
        false);
  }
}
