package dev.fidelius.e2e.support;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Secrecy across the whole run. Every value a scenario seeds into AWS comes from {@link
 * #seed(String)}: a distinctive random string, remembered here. {@link #scan(Map)} looks for each
 * remembered value (as is and base64-encoded, the form it has in a Secret) in texts that must never
 * hold one: operator logs, Events, statuses. Findings name the source and which seeded value (by
 * label), never the value.
 */
public final class SecrecyAudit {

  private static final String ALPHABET =
      "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Map<String, String> SEEDED = new ConcurrentHashMap<>(); // value -> label

  private SecrecyAudit() {}

  /** A new secret value, distinctive enough that finding it anywhere is proof of a leak. */
  public static String seed(String label) {
    StringBuilder sb = new StringBuilder("fx");
    for (int i = 0; i < 22; i++) {
      sb.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    String value = sb.toString();
    SEEDED.put(value, label);
    return value;
  }

  public static int seededCount() {
    return SEEDED.size();
  }

  /**
   * Scans texts (source name -> text) for every value seeded so far; returns one finding per
   * (source, value), described without the value.
   */
  public static List<String> scan(Map<String, String> texts) {
    Map<String, String> needles = new LinkedHashMap<>();
    SEEDED.forEach(
        (value, label) -> {
          needles.put(value, label);
          needles.put(
              Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8)),
              label + " (base64)");
        });
    List<String> findings = new ArrayList<>();
    texts.forEach(
        (source, text) -> {
          Set<String> seenHere = new java.util.HashSet<>();
          needles.forEach(
              (needle, label) -> {
                if (text.contains(needle) && seenHere.add(label)) {
                  findings.add("seeded value '" + label + "' appears in " + source);
                }
              });
        });
    return findings;
  }
}
