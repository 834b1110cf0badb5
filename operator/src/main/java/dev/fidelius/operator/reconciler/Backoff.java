package dev.fidelius.operator.reconciler;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Retry delays after failures: exponential from 5 s, capped, with +/-20% jitter so that many resources
 * failing together (an AWS outage) do not retry in lockstep.
 */
public final class Backoff {

  private static final Duration BASE = Duration.ofSeconds(5);

  private Backoff() {}

  /**
   * @param attempt 1 for the first failure in a row
   * @param cap the longest delay (at most the refresh interval, so a failure never delays past it)
   */
  public static Duration delay(int attempt, Duration cap) {
    long base = BASE.toMillis() << Math.min(Math.max(attempt - 1, 0), 16);
    long capped = Math.min(base, Math.max(cap.toMillis(), BASE.toMillis()));
    double jitter = 0.8 + ThreadLocalRandom.current().nextDouble() * 0.4;
    return Duration.ofMillis(Math.max(1000, Math.round(capped * jitter)));
  }
}
