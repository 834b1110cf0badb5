package dev.fidelius.operator.access;

import java.util.Objects;

/**
 * A name or a glob in which {@code *} matches any run of characters (including none): {@code
 * team-*}, {@code *-prod}, {@code pay*ments}, {@code *}. Every other character, {@code .}, {@code
 * ?} and {@code [} included, matches only itself: the pattern comes from users and is never turned
 * into a regex.
 *
 * <p>A null or empty name matches no pattern, not even {@code *}: a request that does not say who
 * it is is never admitted by a wildcard.
 *
 * <p>Case-insensitive patterns fold only ASCII letters, exactly as the backends map applications
 * and SDLCs onto secret names. Full Unicode folding would let a name the rule does not grant pass
 * as one it does: an application spelled with the Kelvin sign (U+212A) instead of {@code K}
 * lower-cases to the granted {@code kpay}, yet the backend reads a different application. With
 * ASCII folding, the name admitted is the name read.
 */
public final class NamePattern {

  private static final char WILDCARD = '*';

  private final String pattern;
  private final boolean ignoreCase;

  private NamePattern(String pattern, boolean ignoreCase) {
    Objects.requireNonNull(pattern, "pattern");
    this.ignoreCase = ignoreCase;
    this.pattern = ignoreCase ? Ascii.lower(pattern) : pattern;
  }

  /** A pattern for names whose case matters, such as namespaces. */
  public static NamePattern caseSensitive(String pattern) {
    return new NamePattern(pattern, false);
  }

  /** A pattern compared without regard to case, such as applications and SDLCs. */
  public static NamePattern caseInsensitive(String pattern) {
    return new NamePattern(pattern, true);
  }

  public boolean matches(String name) {
    if (name == null || name.isEmpty()) {
      return false;
    }
    return globMatches(ignoreCase ? Ascii.lower(name) : name);
  }

  /**
   * Wildcard matching without recursion: on a mismatch, go back to the last {@code *} and let it
   * swallow one more character. Only the last {@code *} ever needs revisiting, so the work stays
   * within pattern length times name length, where a backtracking regex can take exponential time
   * on hostile patterns.
   */
  private boolean globMatches(String name) {
    int p = 0;
    int n = 0;
    int lastStar = -1;
    int nameAtLastStar = 0;
    while (n < name.length()) {
      if (p < pattern.length() && pattern.charAt(p) == WILDCARD) {
        lastStar = p++;
        nameAtLastStar = n;
      } else if (p < pattern.length() && pattern.charAt(p) == name.charAt(n)) {
        p++;
        n++;
      } else if (lastStar >= 0) {
        p = lastStar + 1;
        n = ++nameAtLastStar;
      } else {
        return false;
      }
    }
    while (p < pattern.length() && pattern.charAt(p) == WILDCARD) {
      p++;
    }
    return p == pattern.length();
  }

  @Override
  public String toString() {
    return pattern;
  }
}
