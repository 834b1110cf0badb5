package dev.fidelius.operator.target;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** When a workload may restart again: its recorded last restart time plus the minimum interval. */
final class LastRestart {

  private LastRestart() {}

  /** Null when the workload records no (readable) restart time, or the interval is zero. */
  static Instant plus(String recorded, Duration minInterval) {
    if (recorded == null || minInterval.isZero()) {
      return null;
    }
    try {
      return Instant.parse(recorded).plus(minInterval);
    } catch (DateTimeParseException e) {
      return null; // written by someone else in another format: not ours to trust
    }
  }
}
