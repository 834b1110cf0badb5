package dev.fidelius.operator.provider;

import dev.fidelius.operator.api.ChangeEvents;
import dev.fidelius.operator.config.Durations;
import java.time.Duration;
import java.util.Optional;

/** What every provider reads the same way from a store's {@code spec.changeEvents}. */
public final class ChangeEventSettings {

  public static final Duration DEFAULT_SAFETY_INTERVAL = Duration.ofMinutes(10);

  private ChangeEventSettings() {}

  /** {@code spec.changeEvents.safetyInterval}, or 10 minutes. */
  public static Duration safetyInterval(ChangeEvents events) {
    return Optional.ofNullable(events)
        .map(ChangeEvents::getSafetyInterval)
        .flatMap(Durations::parse)
        .filter(d -> !d.isZero())
        .orElse(DEFAULT_SAFETY_INTERVAL);
  }

  /** Whether the store turned change events off ({@code enabled: false}). */
  public static boolean disabled(ChangeEvents events) {
    return events != null && Boolean.FALSE.equals(events.getEnabled());
  }
}
