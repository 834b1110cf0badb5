package dev.fidelius.operator.metrics;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiPredicate;

/**
 * Per FideliusSecret, in the style of kube-state-metrics: its Ready condition (one series per
 * status, 1 for the current one), the time of its last successful sync and its refresh interval.
 * Made at each scrape from one small record per resource, as kube-state-metrics does: a Micrometer
 * gauge per series cost about 3 KiB of heap per FideliusSecret (five meters with their ids and
 * tags, held for the process's life), which at 5,000 resources is a tenth of a 256Mi pod's heap. A
 * FideliusSecret that no longer exists loses its record, so there are never more series than
 * resources.
 */
final class SecretConditionMetrics implements MultiCollector {

  private static final List<String> STATUSES = List.of("True", "False", "Unknown");
  private static final String CONDITION = "fidelius_secret_condition";
  private static final String LAST_SYNC = "fidelius_secret_last_sync_timestamp_seconds";
  private static final String REFRESH_INTERVAL = "fidelius_secret_refresh_interval_seconds";

  private record Ref(String namespace, String name) {}

  private final Map<Ref, SecretState> states = new ConcurrentHashMap<>();
  private volatile BiPredicate<String, String> exists = (namespace, name) -> true;

  SecretConditionMetrics(PrometheusRegistry registry) {
    registry.register(this);
  }

  void record(SecretState state) {
    Ref ref = new Ref(state.namespace(), state.name());
    states.merge(ref, state, SecretConditionMetrics::keepKnown);
  }

  /** Which FideliusSecrets still exist; others are dropped at the next scrape. */
  void watchExistence(BiPredicate<String, String> stillExists) {
    this.exists = stillExists;
  }

  @Override
  public List<String> getPrometheusNames() {
    return List.of(CONDITION, LAST_SYNC, REFRESH_INTERVAL);
  }

  @Override
  public MetricSnapshots collect() {
    states.keySet().removeIf(ref -> !exists.test(ref.namespace(), ref.name()));
    GaugeSnapshot.Builder conditions =
        GaugeSnapshot.builder()
            .name(CONDITION)
            .help("A FideliusSecret's condition: 1 for the series of its current status, else 0");
    GaugeSnapshot.Builder syncs =
        GaugeSnapshot.builder()
            .name(LAST_SYNC)
            .help("When a FideliusSecret last synced successfully (Unix time)");
    GaugeSnapshot.Builder intervals =
        GaugeSnapshot.builder()
            .name(REFRESH_INTERVAL)
            .help("A FideliusSecret's effective refresh interval (0 = sync once)");
    for (SecretState s : states.values()) {
      for (String status : STATUSES) {
        conditions.dataPoint(
            point(
                status.equals(s.ready()) ? 1.0 : 0.0,
                Labels.of(
                    "condition",
                    "Ready",
                    "name",
                    s.name(),
                    "namespace",
                    s.namespace(),
                    "reason",
                    s.reason(),
                    "status",
                    status)));
      }
      Labels who = Labels.of("name", s.name(), "namespace", s.namespace());
      if (s.lastSync() != null) {
        syncs.dataPoint(point(s.lastSync().toEpochMilli() / 1000.0, who));
      }
      if (s.refreshInterval() != null) {
        intervals.dataPoint(point(s.refreshInterval().toMillis() / 1000.0, who));
      }
    }
    return MetricSnapshots.of(conditions.build(), syncs.build(), intervals.build());
  }

  private static GaugeSnapshot.GaugeDataPointSnapshot point(double value, Labels labels) {
    return GaugeSnapshot.GaugeDataPointSnapshot.builder().value(value).labels(labels).build();
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
