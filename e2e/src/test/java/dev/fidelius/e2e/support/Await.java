package dev.fidelius.e2e.support;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Polling with a deadline, for conditions that converge (the operator is asynchronous by nature).
 */
public final class Await {

  /** How long a condition that should hold soon is given, unless a scenario says otherwise. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

  private Await() {}

  /** Waits up to {@link #DEFAULT_TIMEOUT} until the condition holds. */
  public static Duration until(String what, BooleanSupplier condition) {
    return until(what, DEFAULT_TIMEOUT, condition, () -> "");
  }

  /**
   * Waits up to {@link #DEFAULT_TIMEOUT} until the condition holds, describing the state on
   * failure.
   */
  public static Duration until(String what, BooleanSupplier condition, Supplier<String> state) {
    return until(what, DEFAULT_TIMEOUT, condition, state);
  }

  /** Waits until the condition holds; fails with the description (and the last state) otherwise. */
  public static Duration until(String what, Duration timeout, BooleanSupplier condition) {
    return until(what, timeout, condition, () -> "");
  }

  /**
   * As {@link #until(String, Duration, BooleanSupplier)}, with a description of the state on
   * failure.
   */
  public static Duration until(
      String what, Duration timeout, BooleanSupplier condition, Supplier<String> state) {
    long start = System.nanoTime();
    long deadline = start + timeout.toNanos();
    RuntimeException last = null;
    while (true) {
      try {
        if (condition.getAsBoolean()) {
          return Duration.ofNanos(System.nanoTime() - start);
        }
        last = null;
      } catch (RuntimeException e) {
        last = e; // the API server may be restarting; keep polling
      }
      if (System.nanoTime() > deadline) {
        String detail = safe(state);
        throw new AssertionError(
            "timed out after "
                + timeout.toSeconds()
                + " s waiting for: "
                + what
                + (detail.isEmpty() ? "" : " [" + detail + "]")
                + (last == null ? "" : " (last error: " + last.getClass().getSimpleName() + ")"));
      }
      sleep(Duration.ofMillis(100));
    }
  }

  public static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static String safe(Supplier<String> state) {
    try {
      return state.get();
    } catch (RuntimeException e) {
      return "state unavailable: " + e.getClass().getSimpleName();
    }
  }
}
