package dev.fidelius.operator.metrics;

import dev.fidelius.operator.aws.AwsErrorCounter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Per store: whether it is Ready, and its failed AWS calls by service and kind. The stores that
 * exist come from the store controllers' caches at each scrape; the series of a deleted store go
 * with it. Labelled by store ({@code FideliusStore team-a/vault}), service and kind, all bounded.
 */
final class StoreMetrics {

  private final MeterRegistry registry;
  private final Map<String, Supplier<Map<String, Boolean>>> readinessByKind =
      new ConcurrentHashMap<>();
  private final Map<AwsErrorCounter.Key, Meter> errorMeters = new ConcurrentHashMap<>();
  private final GaugeFamily ready;
  private volatile AwsErrorCounter errors;

  StoreMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.ready =
        new GaugeFamily(
            registry, "fidelius_store_ready", "1 while a store's Ready condition is True, else 0");
  }

  /**
   * The stores of one kind with their readiness, read at each scrape; the supplier gives null while
   * it does not know them yet (no store of that kind reconciled), which keeps every store's counts.
   */
  void watchStores(String kind, Supplier<Map<String, Boolean>> readiness) {
    readinessByKind.put(kind, readiness);
  }

  void watchErrors(AwsErrorCounter counter) {
    this.errors = counter;
  }

  void refresh() {
    Map<String, Boolean> stores = new HashMap<>();
    boolean allKnown = !readinessByKind.isEmpty();
    for (Supplier<Map<String, Boolean>> kind : readinessByKind.values()) {
      Map<String, Boolean> now = kind.get();
      if (now == null) {
        allKnown = false;
      } else {
        stores.putAll(now);
      }
    }
    Map<Tags, Double> readiness = new HashMap<>();
    stores.forEach((store, isReady) -> readiness.put(Tags.of("store", store), isReady ? 1.0 : 0.0));
    ready.set(readiness);
    AwsErrorCounter counter = errors;
    if (counter != null) {
      refreshErrors(counter, allKnown ? stores.keySet() : null);
    }
  }

  /**
   * @param stores the stores that exist, or null before the store controllers are known
   */
  private void refreshErrors(AwsErrorCounter counter, Set<String> stores) {
    if (stores != null) {
      counter.retainStores(stores);
    }
    Set<AwsErrorCounter.Key> counted = counter.snapshot().keySet();
    errorMeters
        .entrySet()
        .removeIf(
            e -> {
              if (counted.contains(e.getKey())) {
                return false;
              }
              registry.remove(e.getValue());
              return true;
            });
    for (AwsErrorCounter.Key key : counted) {
      errorMeters.computeIfAbsent(
          key,
          k ->
              FunctionCounter.builder("fidelius_aws_errors", counter, c -> c.count(k))
                  .tag("store", k.store())
                  .tag("service", k.service())
                  .tag("kind", k.kind())
                  .description(
                      "Failed AWS calls (after the SDK's retries) by store, service and kind")
                  .register(registry));
    }
  }
}
