package dev.fidelius.operator.render;

import java.util.Optional;

/**
 * Checks a Kubernetes Secret data key the way the API server does, so that a bad key is reported in
 * the FideliusSecret's status instead of as an opaque rejection of the whole Secret write.
 */
public final class SecretKeys {

  /** The API server's limit (a DNS subdomain's length). */
  public static final int MAX_LENGTH = 253;

  private SecretKeys() {}

  /**
   * Why {@code key} cannot be a Secret data key, or empty when it can. The message starts with
   * {@code key "<key>"} so that callers can prefix it (for example "target key ...").
   */
  public static Optional<String> problem(String key) {
    if (key == null) {
      return Optional.of("key is missing");
    }
    if (key.isEmpty()) {
      return Optional.of("key \"\" is empty; a key needs at least one character");
    }
    if (key.length() > MAX_LENGTH) {
      return Optional.of(
          "key "
              + QuotedText.of(key)
              + " is "
              + key.length()
              + " characters long; at most "
              + MAX_LENGTH
              + " are allowed");
    }
    for (int i = 0; i < key.length(); i++) {
      if (!isAllowed(key.charAt(i))) {
        return Optional.of(
            "key " + QuotedText.of(key) + ": only letters, digits, '-', '_' and '.' are allowed");
      }
    }
    if (key.equals(".") || key.equals("..")) {
      // They would be path components when the Secret is mounted as a volume.
      return Optional.of("key " + QuotedText.of(key) + ": \".\" and \"..\" are not allowed");
    }
    return Optional.empty();
  }

  /** True for the characters a Secret data key may hold: {@code [-._a-zA-Z0-9]}. */
  static boolean isAllowed(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || c == '-'
        || c == '_'
        || c == '.';
  }
}
