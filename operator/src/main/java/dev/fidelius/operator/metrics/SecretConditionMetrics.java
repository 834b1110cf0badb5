package dev.fidelius.operator.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
  private final MultiGauge condition;
  private final MultiGauge lastSync;
  private final MultiGauge refreshInterval;
  private volatile BiPredicate<String, String> exists = (namespace, name) -> true;

  SecretConditionMetrics(MeterRegistry registry) {
    this.condition =
        MultiGauge.builder("fidelius_secret_condition")
            .description(
                "A FideliusSecret's condition: 1 for the series of its current status, else 0")
            .register(registry);
    this.lastSync =
        MultiGauge.builder("fidelius_secret_last_sync_timestamp_seconds")
            .description("When a FideliusSecret last synced successfully (Unix time)")
            .register(registry);
    this.refreshInterval =
        MultiGauge.builder("fidelius_secret_refresh_interval_seconds")
            .description("A FideliusSecret's effective refresh interval (0 = sync once)")
            .register(registry);
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
    List<MultiGauge.Row<?>> conditions = new ArrayList<>();
    List<MultiGauge.Row<?>> syncs = new ArrayList<>();
    List<MultiGauge.Row<?>> intervals = new ArrayList<>();
    for (SecretState s : states.values()) {
      Tags who = Tags.of("namespace", s.namespace(), "name", s.name());
      for (String status : STATUSES) {
        conditions.add(
            MultiGauge.Row.of(
                who.and("condition", "Ready", "status", status, "reason", s.reason()),
                status.equals(s.ready()) ? 1 : 0));
      }
      if (s.lastSync() != null) {
        syncs.add(MultiGauge.Row.of(who, s.lastSync().toEpochMilli() / 1000.0));
      }
      if (s.refreshInterval() != null) {
        intervals.add(MultiGauge.Row.of(who, s.refreshInterval().toMillis() / 1000.0));
      }
    }
    condition.register(conditions, true);
    lastSync.register(syncs, true);
    refreshInterval.register(intervals, true);
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
