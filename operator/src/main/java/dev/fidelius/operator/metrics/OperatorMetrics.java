package dev.fidelius.operator.metrics;

import dev.fidelius.operator.aws.AwsCallCounter;
import dev.fidelius.operator.aws.AwsErrorCounter;
import dev.fidelius.operator.backend.FeedState;
import dev.fidelius.operator.backend.ValueCache;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiPredicate;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The operator's Prometheus metrics. Labels carry reasons, results, services and operations, and
 * the Kubernetes names of stores and FideliusSecrets: never secret names or values, so cardinality
 * stays bounded by the resources and nothing sensitive is exported.
 *
 * <ul>
 *   <li>{@code fidelius_syncs_total{result}}: syncs by result (changed, unchanged, failed)
 *   <li>{@code fidelius_sync_errors_total{reason}}: failed syncs by Ready reason
 *   <li>{@code fidelius_sync_duration_seconds}: time of one sync (histogram)
 *   <li>{@code fidelius_aws_calls_total{service,operation}}: AWS API calls
 *   <li>{@code fidelius_value_cache_entries}, {@code fidelius_value_cache_bytes}: the
 *       decrypted-value cache
 *   <li>{@code fidelius_rollout_restarts_total}: workloads restarted
 *   <li>{@code fidelius_sync_abandoned_total}: syncs abandoned at their time budget (status reason
 *       SyncTimeout)
 *   <li>{@code fidelius_sync_abandoned_running}: abandoned syncs whose worker has not ended yet
 *   <li>{@code fidelius_change_events_live{store}}, {@code
 *       fidelius_change_events_last_event_age_seconds{store}}, {@code
 *       fidelius_change_events_lag_seconds{store}}, {@code
 *       fidelius_change_events_messages{store,result}}: change events per store
 *   <li>{@code fidelius_secret_condition{namespace,name,condition,status,reason}}, {@code
 *       fidelius_secret_last_sync_timestamp_seconds{namespace,name}}, {@code
 *       fidelius_secret_refresh_interval_seconds{namespace,name}}: per FideliusSecret (Kubernetes
 *       names only; a deleted resource loses its series)
 *   <li>{@code fidelius_store_ready{store}}, {@code fidelius_aws_errors_total{store,service,kind}}:
 *       per store
 *   <li>{@code fidelius_store_serving_region{store,region}}, {@code
 *       fidelius_store_region_switches_total{store,from,to}}: stores with failover regions
 * </ul>
 */
public final class OperatorMetrics {

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final AwsCallCounter awsCalls;
  private final Set<AwsCallCounter.Call> registeredCalls = ConcurrentHashMap.newKeySet();
  private final Timer syncDuration;
  private final Counter restarts;
  private final List<Object> keptAlive = new CopyOnWriteArrayList<>();
  private volatile ChangeEventMetrics changeEvents;
  private final SecretConditionMetrics secrets;
  private final StoreMetrics stores;
  private volatile RegionMetrics regions;

  public OperatorMetrics(AwsCallCounter awsCalls, ValueCache cache) {
    this.awsCalls = awsCalls;
    this.syncDuration =
        Timer.builder("fidelius_sync_duration")
            .description("Time of one FideliusSecret sync")
            .publishPercentileHistogram()
            .register(registry);
    this.restarts =
        Counter.builder("fidelius_rollout_restarts")
            .description("Workloads restarted")
            .register(registry);
    Gauge.builder("fidelius_value_cache_entries", cache, ValueCache::size)
        .description("Decrypted secret versions held in memory")
        .register(registry);
    Gauge.builder("fidelius_value_cache_bytes", cache, ValueCache::bytes)
        .description("Approximate bytes of the decrypted-value cache")
        .register(registry);
    this.secrets = new SecretConditionMetrics(registry.getPrometheusRegistry());
    this.stores = new StoreMetrics(registry);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
  }

  public void recordSync(String result, Duration took) {
    Counter.builder("fidelius_syncs")
        .tag("result", result)
        .description("FideliusSecret syncs by result")
        .register(registry)
        .increment();
    syncDuration.record(took);
  }

  public void recordError(String reason) {
    Counter.builder("fidelius_sync_errors")
        .tag("reason", reason)
        .description("Failed syncs by Ready reason")
        .register(registry)
        .increment();
  }

  public void recordRestarts(int count) {
    restarts.increment(count);
  }

  /**
   * Restart decisions per workload: deferred (restarted less than minInterval ago) or coalescing
   * (in the window).
   */
  public void recordRestartsWaiting(String outcome, int count) {
    Counter.builder("fidelius_rollout_restarts_waiting")
        .tag("outcome", outcome)
        .description("Workload restarts put off, by outcome (coalescing, deferred)")
        .register(registry)
        .increment(count);
  }

  /** Exports the sync workers' abandoned syncs: running now, and in total since start. */
  public void registerSyncWorkers(IntSupplier abandonedRunning, LongSupplier abandonedTotal) {
    // Micrometer holds what it measures weakly, and these lambdas have no other holder: keep them
    // here.
    keptAlive.add(abandonedRunning);
    keptAlive.add(abandonedTotal);
    Gauge.builder("fidelius_sync_abandoned_running", abandonedRunning, IntSupplier::getAsInt)
        .description("Syncs abandoned at their time budget whose worker has not ended yet")
        .register(registry);
    FunctionCounter.builder("fidelius_sync_abandoned", abandonedTotal, LongSupplier::getAsLong)
        .description("Syncs abandoned at their time budget")
        .register(registry);
  }

  /**
   * Exports per store whether change events are live, their last event's age and lag (see README).
   */
  public void watchChangeEvents(Supplier<Map<String, FeedState>> feedsByStore) {
    changeEvents = new ChangeEventMetrics(registry, feedsByStore);
  }

  /** The state of one FideliusSecret after a reconcile, for its per-resource series. */
  public void recordSecret(SecretState state) {
    secrets.record(state);
  }

  /** Which FideliusSecrets still exist (namespace, name): the others lose their series. */
  public void watchSecretExistence(BiPredicate<String, String> stillExists) {
    secrets.watchExistence(stillExists);
  }

  /**
   * The stores of one kind and whether each is Ready, by store label; null while unknown. Also
   * decides which stores keep their AWS error series.
   */
  public void watchStores(String kind, Supplier<Map<String, Boolean>> readiness) {
    stores.watchStores(kind, readiness);
  }

  /** Exports the failed AWS calls counted per store. */
  public void watchAwsErrors(AwsErrorCounter errors) {
    stores.watchErrors(errors);
  }

  /**
   * Exports which region serves each store with failover regions.
   *
   * @param regionsByStore store -> each of its regions -> whether it serves now
   */
  public void watchServingRegions(Supplier<Map<String, Map<String, Boolean>>> regionsByStore) {
    regions = new RegionMetrics(registry, regionsByStore);
  }

  /** Counts a switch of a store's reads from one region to another. */
  public void recordRegionSwitch(String store, String from, String to) {
    RegionMetrics r = regions;
    if (r != null) {
      r.recordSwitch(store, from, to);
    }
  }

  /**
   * The Prometheus text exposition, with AWS call counters and change-event gauges brought up to
   * date.
   */
  public String scrape() {
    registerNewAwsCalls();
    RegionMetrics r = regions;
    if (r != null) {
      r.refresh();
    }
    ChangeEventMetrics events = changeEvents;
    if (events != null) {
      events.refresh();
    }
    stores.refresh();
    return registry.scrape();
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  private void registerNewAwsCalls() {
    for (AwsCallCounter.Call call : awsCalls.snapshot().keySet()) {
      if (registeredCalls.add(call)) {
        FunctionCounter.builder(
                "fidelius_aws_calls", awsCalls, c -> c.count(call.service(), call.operation()))
            .tag("service", call.service())
            .tag("operation", call.operation())
            .description("AWS API calls by service and operation")
            .register(registry);
      }
    }
  }
}
