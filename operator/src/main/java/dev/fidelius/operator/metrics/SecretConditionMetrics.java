package dev.fidelius.operator.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiPredicate;

/**
 * Per FideliusSecret, in the style of kube-state-metrics: its Ready condition (one series per
 * status, 1 for the current one), the time of its last successful sync and its refresh interval.
 * Brought up to date at each scrape; a FideliusSecret that no longer exists loses its series, so
 * there are never more series than resources.
 */
final class SecretConditionMetrics {

  private static final List<String> STATUSES = List.of("True", "False", "Unknown");

  private record Ref(String namespace, String name) {}

  private final Map<Ref, SecretState> states = new ConcurrentHashMap<>();
  private final GaugeFamily condition;
  private final GaugeFamily lastSync;
  private final GaugeFamily refreshInterval;
  private volatile BiPredicate<String, String> exists = (namespace, name) -> true;

  SecretConditionMetrics(MeterRegistry registry) {
    this.condition =
        new GaugeFamily(
            registry,
            "fidelius_secret_condition",
            "A FideliusSecret's condition: 1 for the series of its current status, else 0");
    this.lastSync =
        new GaugeFamily(
            registry,
            "fidelius_secret_last_sync_timestamp_seconds",
            "When a FideliusSecret last synced successfully (Unix time)");
    this.refreshInterval =
        new GaugeFamily(
            registry,
            "fidelius_secret_refresh_interval_seconds",
            "A FideliusSecret's effective refresh interval (0 = sync once)");
  }

  void record(SecretState state) {
    Ref ref = new Ref(state.namespace(), state.name());
    states.merge(ref, state, SecretConditionMetrics::keepKnown);
  }

  /** Which FideliusSecrets still exist; others are dropped at the next scrape. */
  void watchExistence(BiPredicate<String, String> stillExists) {
    this.exists = stillExists;
  }

  void refresh() {
    states.keySet().removeIf(ref -> !exists.test(ref.namespace(), ref.name()));
    Map<Tags, Double> conditions = new HashMap<>();
    Map<Tags, Double> syncs = new HashMap<>();
    Map<Tags, Double> intervals = new HashMap<>();
    for (SecretState s : states.values()) {
      Tags who = Tags.of("namespace", s.namespace(), "name", s.name());
      for (String status : STATUSES) {
        conditions.put(
            who.and("condition", "Ready", "status", status, "reason", s.reason()),
            status.equals(s.ready()) ? 1.0 : 0.0);
      }
      if (s.lastSync() != null) {
        syncs.put(who, s.lastSync().toEpochMilli() / 1000.0);
      }
      if (s.refreshInterval() != null) {
        intervals.put(who, s.refreshInterval().toMillis() / 1000.0);
      }
    }
    condition.set(conditions);
    lastSync.set(syncs);
    refreshInterval.set(intervals);
  }

  /**
   * The newest sync time either knows (a failed sync reports only the status's, which is written
   * lazily); the interval of a successful sync, else the earlier one if any.
   */
  private static SecretState keepKnown(SecretState before, SecretState now) {
    Instant lastSync = now.lastSync();
    if (lastSync == null || (before.lastSync() != null && before.lastSync().isAfter(lastSync))) {
      lastSync = before.lastSync();
    }
    Duration interval = now.refreshInterval();
    if (!"True".equals(now.ready()) && before.refreshInterval() != null) {
      interval = before.refreshInterval();
    }
    return new SecretState(
        now.namespace(), now.name(), now.ready(), now.reason(), lastSync, interval);
  }
}
