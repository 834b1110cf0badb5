package dev.fidelius.operator.reconciler;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Retry delays after failures: exponential from 5 s, with jitter so that many resources failing
 * together (an AWS outage) do not retry in lockstep, and never longer than the cap: a failing
 * resource is retried at least once per refresh interval, so it recovers within its interval once
 * the fault clears.
 */
public final class Backoff {

  private static final Duration BASE = Duration.ofSeconds(5);

  /**
   * No retry sooner than this, whatever the cap: a guard against hot loops with sub-second
   * intervals.
   */
  private static final long FLOOR_MILLIS = 1000;

  private Backoff() {}

  /**
   * @param attempt 1 for the first failure in a row
   * @param cap the longest delay (the refresh interval, at most 5 minutes): a failure never delays
   *     past it
   * @return between 80% and 120% of the exponential delay, or between 80% and 100% of the cap once
   *     the exponential delay reaches it; never below one second
   */
  public static Duration delay(int attempt, Duration cap) {
    long base = BASE.toMillis() << Math.min(Math.max(attempt - 1, 0), 16);
    long capMillis = cap.toMillis();
    double r = ThreadLocalRandom.current().nextDouble();
    long delay =
        base >= capMillis
            ? Math.round(capMillis * (0.8 + 0.2 * r)) // at the cap: spread below it, never past it
            : Math.min(capMillis, Math.round(base * (0.8 + 0.4 * r)));
    return Duration.ofMillis(Math.max(FLOOR_MILLIS, delay));
  }
}
