package dev.fidelius.operator.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * How long one sync may take before it is abandoned, and how long the operator may go with work
 * waiting and no sync completing before its liveness probe fails (so Kubernetes restarts a wedged
 * pod).
 *
 * @param syncTimeout time budget of one sync of one FideliusSecret
 * @param livenessStallTimeout how long syncs may wait or time out with none completing before
 *     /healthz fails; longer than {@code syncTimeout}, so one slow sync within its budget never
 *     fails the probe
 */
public record SyncTimeouts(Duration syncTimeout, Duration livenessStallTimeout) {

  public static final String SYNC_TIMEOUT = "FIDELIUS_SYNC_TIMEOUT";
  public static final String LIVENESS_STALL_TIMEOUT = "FIDELIUS_LIVENESS_STALL_TIMEOUT";
  public static final Duration DEFAULT_SYNC_TIMEOUT = Duration.ofSeconds(60);
  public static final Duration DEFAULT_LIVENESS_STALL_TIMEOUT = Duration.ofMinutes(5);

  public SyncTimeouts {
    if (syncTimeout.isNegative()
        || syncTimeout.isZero()
        || livenessStallTimeout.compareTo(syncTimeout) <= 0) {
      throw new IllegalArgumentException(
          "sync timeout must be positive and shorter than the liveness stall timeout");
    }
  }

  public static SyncTimeouts defaults() {
    return new SyncTimeouts(DEFAULT_SYNC_TIMEOUT, DEFAULT_LIVENESS_STALL_TIMEOUT);
  }

  /**
   * Reads both settings; adds a message naming the variable to {@code problems} for each bad value.
   */
  static SyncTimeouts fromEnvironment(Map<String, String> env, List<String> problems) {
    Duration sync =
        positive(env, SYNC_TIMEOUT, DEFAULT_SYNC_TIMEOUT, Duration.ofSeconds(1), problems);
    Duration stall =
        positive(
            env,
            LIVENESS_STALL_TIMEOUT,
            DEFAULT_LIVENESS_STALL_TIMEOUT,
            Duration.ofSeconds(2),
            problems);
    if (stall.compareTo(sync) <= 0) {
      problems.add(
          LIVENESS_STALL_TIMEOUT
              + " ("
              + Durations.format(stall)
              + ") must be longer than "
              + SYNC_TIMEOUT
              + " ("
              + Durations.format(sync)
              + ")");
      return defaults();
    }
    return new SyncTimeouts(sync, stall);
  }

  private static Duration positive(
      Map<String, String> env, String name, Duration def, Duration floor, List<String> problems) {
    String v = env.get(name);
    if (v == null || v.isBlank()) {
      return def;
    }
    Duration d = Durations.parse(v.trim()).orElse(null);
    if (d == null || d.compareTo(floor) < 0) {
      problems.add(
          name
              + " must be a duration of at least "
              + Durations.format(floor)
              + " such as 60s or 5m (got '"
              + v
              + "')");
      return def;
    }
    return d;
  }
}
