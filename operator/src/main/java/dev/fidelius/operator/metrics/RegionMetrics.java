package dev.fidelius.operator.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Per store with failover regions, which region serves reads (brought up to date at each scrape),
 * and the switches between regions. Labelled by store and region: as many as stores times their few
 * regions, never secret names.
 */
final class RegionMetrics {

  private final MeterRegistry registry;
  private final Supplier<Map<String, Map<String, Boolean>>> regionsByStore;
  private final MultiGauge serving;

  /**
   * @param regionsByStore store -> each of its regions -> whether it serves now
   */
  RegionMetrics(
      MeterRegistry registry, Supplier<Map<String, Map<String, Boolean>>> regionsByStore) {
    this.registry = registry;
    this.regionsByStore = regionsByStore;
    this.serving =
        MultiGauge.builder("fidelius_store_serving_region")
            .description(
                "1 for the region a store with failover regions reads from now, 0 for its other"
                    + " regions")
            .register(registry);
  }

  void refresh() {
    List<MultiGauge.Row<?>> rows = new ArrayList<>();
    regionsByStore
        .get()
        .forEach(
            (store, regions) ->
                regions.forEach(
                    (region, on) ->
                        rows.add(
                            MultiGauge.Row.of(
                                Tags.of("store", store, "region", region), on ? 1 : 0))));
    serving.register(rows, true);
  }

  void recordSwitch(String store, String from, String to) {
    Counter.builder("fidelius_store_region_switches")
        .tag("store", store)
        .tag("from", from)
        .tag("to", to)
        .description("Switches of a store's reads from one region to another")
        .register(registry)
        .increment();
  }
}
