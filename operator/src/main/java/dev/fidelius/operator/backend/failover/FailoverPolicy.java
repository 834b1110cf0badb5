package dev.fidelius.operator.backend.failover;

import java.time.Duration;
import java.util.Objects;

/**
 * When a store leaves its serving region and comes back.
 *
 * @param after how long the serving region must fail with outage errors, with no answer in between,
 *     before reads move on
 * @param probeInterval how often a region before the serving one is tried again while away
 * @param minSwitchInterval the least time between two switches (flapping bound)
 */
public record FailoverPolicy(Duration after, Duration probeInterval, Duration minSwitchInterval) {

  public static final Duration DEFAULT_AFTER = Duration.ofSeconds(45);
  public static final Duration DEFAULT_PROBE_INTERVAL = Duration.ofMinutes(1);
  public static final Duration DEFAULT_MIN_SWITCH_INTERVAL = Duration.ofMinutes(2);

  public static final FailoverPolicy DEFAULTS =
      new FailoverPolicy(DEFAULT_AFTER, DEFAULT_PROBE_INTERVAL, DEFAULT_MIN_SWITCH_INTERVAL);

  public FailoverPolicy {
    Objects.requireNonNull(after, "after");
    Objects.requireNonNull(probeInterval, "probeInterval");
    Objects.requireNonNull(minSwitchInterval, "minSwitchInterval");
  }
}
