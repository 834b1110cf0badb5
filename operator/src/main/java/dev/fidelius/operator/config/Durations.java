package dev.fidelius.operator.config;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses durations written the way Kubernetes users write them (Go's time.ParseDuration subset):
 * {@code 30s}, {@code 5m}, {@code 1h30m}, {@code 250ms}, {@code 1.5h}, and {@code 0}.
 */
public final class Durations {

  private static final Pattern WHOLE = Pattern.compile("^(0|([0-9]+(\\.[0-9]+)?(ms|s|m|h))+)$");
  private static final Pattern PART = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)(ms|s|m|h)");

  private Durations() {}

  /** The duration, or empty when the text is not a duration of this form. */
  public static Optional<Duration> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String t = text.trim();
    if (!WHOLE.matcher(t).matches()) {
      return Optional.empty();
    }
    if (t.equals("0")) {
      return Optional.of(Duration.ZERO);
    }
    double millis = 0;
    Matcher m = PART.matcher(t);
    while (m.find()) {
      double n = Double.parseDouble(m.group(1));
      millis +=
          switch (m.group(2)) {
            case "ms" -> n;
            case "s" -> n * 1_000;
            case "m" -> n * 60_000;
            default -> n * 3_600_000;
          };
    }
    if (millis > Duration.ofDays(365).toMillis()) {
      return Optional.empty();
    }
    return Optional.of(Duration.ofMillis(Math.round(millis)));
  }

  /** Formats like Kubernetes users write it: 1h30m, 45s, 250ms. */
  public static String format(Duration d) {
    if (d.isZero()) {
      return "0";
    }
    StringBuilder sb = new StringBuilder();
    long h = d.toHours();
    long m = d.toMinutesPart();
    long s = d.toSecondsPart();
    long ms = d.toMillisPart();
    if (h > 0) {
      sb.append(h).append('h');
    }
    if (m > 0) {
      sb.append(m).append('m');
    }
    if (s > 0) {
      sb.append(s).append('s');
    }
    if (ms > 0) {
      sb.append(ms).append("ms");
    }
    return sb.toString();
  }
}
