package dev.fidelius.operator.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.HashMap;
import java.util.Map;

/**
 * A gauge with one series per label set, set as a whole at each scrape: series that stay keep their
 * meter and only change value; series that went are removed. Unlike Micrometer's MultiGauge with
 * overwrite, which removes and registers every row at each scrape, this costs a meter removal only
 * per vanished series: the registry's removal walks all meters, so removing every row would make a
 * scrape quadratic in the number of FideliusSecrets.
 */
final class GaugeFamily {

  /** The value a registered gauge reads (Micrometer holds it weakly: {@link #series} keeps it). */
  private static final class Value {
    private volatile double value;
  }

  private record Series(Value value, Gauge gauge) {}

  private final MeterRegistry registry;
  private final String name;
  private final String description;
  private final Map<Tags, Series> series = new HashMap<>();

  GaugeFamily(MeterRegistry registry, String name, String description) {
    this.registry = registry;
    this.name = name;
    this.description = description;
  }

  /** Makes the family exactly {@code values}: one series per label set. */
  synchronized void set(Map<Tags, Double> values) {
    series
        .entrySet()
        .removeIf(
            e -> {
              if (values.containsKey(e.getKey())) {
                return false;
              }
              registry.remove(e.getValue().gauge());
              return true;
            });
    values.forEach((tags, v) -> series.computeIfAbsent(tags, this::register).value().value = v);
  }

  private Series register(Tags tags) {
    Value value = new Value();
    Gauge gauge =
        Gauge.builder(name, value, x -> x.value)
            .tags(tags)
            .description(description)
            .register(registry);
    return new Series(value, gauge);
  }
}
