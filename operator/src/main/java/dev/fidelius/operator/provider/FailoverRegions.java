package dev.fidelius.operator.provider;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** The checks every provider with {@code failoverRegions} makes of them. */
public final class FailoverRegions {

  /** Bounds the regions a tenant may name (each one costs clients and, while away, probes). */
  public static final int MAX = 5;

  private static final Pattern REGION = Pattern.compile("^[a-z]{2}(-[a-z]+)+-[0-9]{1,2}$");

  private FailoverRegions() {}

  /**
   * Problems with a provider's failover regions, each naming the field; empty when usable.
   *
   * @param field e.g. {@code spec.provider.secretsManager.failoverRegions}
   */
  public static List<String> problems(String field, String primary, List<String> regions) {
    if (regions == null || regions.isEmpty()) {
      return List.of();
    }
    List<String> problems = new ArrayList<>();
    if (regions.size() > MAX) {
      problems.add(field + " may name at most " + MAX + " regions");
      return problems;
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < regions.size(); i++) {
      String region = regions.get(i);
      if (region == null || region.length() > 32 || !REGION.matcher(region).matches()) {
        problems.add(field + "[" + i + "] is not an AWS region such as us-west-2");
      } else if (region.equals(primary)) {
        problems.add(field + "[" + i + "] is the primary region " + primary);
      } else if (!seen.add(region)) {
        problems.add(field + "[" + i + "] repeats " + region);
      }
    }
    return problems;
  }

  /** The regions, or an empty list when none are set. */
  public static List<String> of(List<String> regions) {
    return regions == null ? List.of() : List.copyOf(regions);
  }
}
