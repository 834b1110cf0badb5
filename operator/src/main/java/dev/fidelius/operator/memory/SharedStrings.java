package dev.fidelius.operator.memory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One copy of each short string that many long-lived objects repeat. A heap dump after a cold start
 * of 5,000 FideliusSecrets held 452,000 strings, 328,000 of them copies of another: the namespace
 * in every cached object and record, each secret's short name in ten places, each version id in six
 * (the AWS response, the value cache, change detection, the read-ahead, the status twice), each
 * FideliusSecret's name in seven, and every condition reason, state and timestamp once per
 * resource. At 50 to 100 bytes a copy that was a third of the heap per resource; sharing them took
 * it from 11.5 to 7.8 KiB (docs/benchmarks.md, "Scale").
 *
 * <p>Strings are shared through the JVM's own string table ({@link String#intern}): its entries are
 * weak, so a string nobody holds any more is collected as before, and a tenant's text costs no more
 * than it already costs in the informer's cache (an entry of the table, a few dozen bytes). Strings
 * longer than {@link #MAX_LENGTH} are never shared: they rarely repeat. Secret values never pass
 * here.
 */
public final class SharedStrings {

  /** The longest string shared; Kubernetes names (253), versions and timestamps are shorter. */
  public static final int MAX_LENGTH = 256;

  private SharedStrings() {}

  /** The shared copy of {@code s}; {@code s} itself when null or longer than MAX_LENGTH. */
  public static String of(String s) {
    return s == null || s.length() > MAX_LENGTH ? s : s.intern();
  }

  /** A mutable copy of the list holding shared strings; null for null. */
  public static List<String> list(List<String> strings) {
    if (strings == null) {
      return null;
    }
    List<String> shared = new ArrayList<>(strings.size());
    for (String s : strings) {
      shared.add(of(s));
    }
    return shared;
  }

  /** A mutable copy of the map, in its order, holding shared keys and values; null for null. */
  public static Map<String, String> map(Map<String, String> map) {
    if (map == null) {
      return null;
    }
    Map<String, String> shared = new LinkedHashMap<>(Math.max(4, map.size() * 4 / 3 + 1));
    map.forEach((k, v) -> shared.put(of(k), of(v)));
    return shared;
  }
}
