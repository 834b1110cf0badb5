package dev.fidelius.e2e.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Medians and percentiles, nearest-rank, on small samples. */
final class Stats {

  private Stats() {}

  /**
   * The median; for an even count, the lower of the two middle values (an observed value, not a
   * mean).
   */
  static <T extends Comparable<T>> T median(List<T> values) {
    List<T> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get((sorted.size() - 1) / 2);
  }

  /** Nearest-rank percentile: the smallest value with at least p% of the sample at or below it. */
  static double percentile(List<Double> values, double p) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int rank = (int) Math.ceil(p / 100.0 * sorted.size());
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
  }
}
