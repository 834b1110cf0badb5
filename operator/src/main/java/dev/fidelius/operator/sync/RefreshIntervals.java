package dev.fidelius.operator.sync;

import dev.fidelius.operator.config.Durations;
import java.time.Duration;
import java.util.Optional;

/**
 * The effective refresh interval: the FideliusSecret's, else its store's, else the operator
 * default; never below the operator's floor (except 0, which means sync once).
 */
public final class RefreshIntervals {

  private RefreshIntervals() {}

  public static Optional<Duration> effective(
      String secretInterval, String storeInterval, Duration operatorDefault, Duration floor) {
    String chosen = secretInterval != null ? secretInterval : storeInterval;
    if (chosen == null) {
      return Optional.of(atLeast(operatorDefault, floor));
    }
    return Durations.parse(chosen).map(d -> d.isZero() ? d : atLeast(d, floor));
  }

  private static Duration atLeast(Duration d, Duration floor) {
    return d.compareTo(floor) < 0 ? floor : d;
  }
}
