package dev.fidelius.operator.store;

import dev.fidelius.operator.api.FailoverSettings;
import dev.fidelius.operator.backend.failover.FailoverPolicy;
import dev.fidelius.operator.config.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A store's {@code spec.failover} as a {@link FailoverPolicy}, within bounds: a tenant's store can
 * neither probe a failed region more than once a second nor keep reads from moving for longer than
 * a day.
 */
final class FailoverPolicies {

  static final Duration MIN_AFTER = Duration.ofSeconds(1);
  static final Duration MAX_AFTER = Duration.ofHours(1);
  static final Duration MIN_PROBE = Duration.ofSeconds(1);
  static final Duration MAX_PROBE = Duration.ofHours(1);
  static final Duration MAX_MIN_SWITCH = Duration.ofHours(24);

  private FailoverPolicies() {}

  /** The policy of a spec whose settings passed {@link #problems} (defaults where unset). */
  static FailoverPolicy of(FailoverSettings settings) {
    if (settings == null) {
      return FailoverPolicy.DEFAULTS;
    }
    return new FailoverPolicy(
        parsed(settings.getAfter()).orElse(FailoverPolicy.DEFAULT_AFTER),
        parsed(settings.getProbeInterval()).orElse(FailoverPolicy.DEFAULT_PROBE_INTERVAL),
        parsed(settings.getMinSwitchInterval()).orElse(FailoverPolicy.DEFAULT_MIN_SWITCH_INTERVAL));
  }

  /** Each problem names the field; empty when usable. */
  static List<String> problems(FailoverSettings settings) {
    List<String> problems = new ArrayList<>();
    if (settings == null) {
      return problems;
    }
    check("after", settings.getAfter(), MIN_AFTER, MAX_AFTER, problems);
    check("probeInterval", settings.getProbeInterval(), MIN_PROBE, MAX_PROBE, problems);
    check(
        "minSwitchInterval",
        settings.getMinSwitchInterval(),
        Duration.ZERO,
        MAX_MIN_SWITCH,
        problems);
    return problems;
  }

  private static void check(
      String field, String text, Duration min, Duration max, List<String> problems) {
    if (text == null) {
      return;
    }
    Optional<Duration> d = Durations.parse(text);
    if (d.isEmpty() || d.get().compareTo(min) < 0 || d.get().compareTo(max) > 0) {
      problems.add(
          "spec.failover."
              + field
              + " must be a duration from "
              + Durations.format(min)
              + " to "
              + Durations.format(max));
    }
  }

  private static Optional<Duration> parsed(String text) {
    return text == null ? Optional.empty() : Durations.parse(text);
  }
}
