package dev.fidelius.operator.provider;

import dev.fidelius.operator.api.ChangeEvents;
import dev.fidelius.operator.config.Durations;
import java.time.Duration;
import java.util.Optional;

/** What every provider reads the same way from a store's {@code spec.changeEvents}. */
public final class ChangeEventSettings {

  private ChangeEventSettings() {}

  /**
   * {@code spec.changeEvents.safetyInterval}; empty when the store sets none, for the operator's
   * default.
   */
  public static Optional<Duration> safetyInterval(ChangeEvents events) {
    return Optional.ofNullable(events)
        .map(ChangeEvents::getSafetyInterval)
        .flatMap(Durations::parse)
        .filter(d -> !d.isZero());
  }

  /** Whether the store turned change events off ({@code enabled: false}). */
  public static boolean disabled(ChangeEvents events) {
    return events != null && Boolean.FALSE.equals(events.getEnabled());
  }
}
