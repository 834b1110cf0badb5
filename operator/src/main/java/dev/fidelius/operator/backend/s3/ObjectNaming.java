package dev.fidelius.operator.backend.s3;

import dev.fidelius.operator.backend.FideliusCase;
import dev.fidelius.operator.backend.SecretId;
import dev.fidelius.operator.backend.SecretScope;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Maps Fidelius coordinates to object keys and back: {@code <prefix>APP/component/sdlc/short} (or
 * {@code <prefix>APP/sdlc/short}), with the Fidelius case rules (application upper-case, the rest
 * lower). Public for the command line's writer, which must name objects exactly as the operator
 * reads them.
 */
public final class ObjectNaming {

  /** S3's limit on a key, in UTF-8 bytes. */
  static final int MAX_KEY_BYTES = 1024;

  private final String prefix;

  /**
   * @param prefix empty, or ending with '/'
   */
  ObjectNaming(String prefix) {
    this.prefix = prefix;
  }

  /** The keys of the store {@code config} describes. */
  public static ObjectNaming of(S3StoreConfig config) {
    return new ObjectNaming(config.prefix());
  }

  public String key(SecretId id) {
    return scopePrefix(id.scope()) + id.name();
  }

  /** What every key of the scope starts with, slash included ({@code secrets/APP/dev/}). */
  String scopePrefix(SecretScope scope) {
    StringBuilder path =
        new StringBuilder(prefix).append(FideliusCase.upper(scope.application())).append('/');
    scope.componentIfAny().ifPresent(c -> path.append(FideliusCase.lower(c)).append('/'));
    return path.append(FideliusCase.lower(scope.sdlc())).append('/').toString();
  }

  /** The short name the object has in the scope, when its key lies under the scope's prefix. */
  Optional<String> shortNameIn(SecretScope scope, String key) {
    String scopePrefix = scopePrefix(scope);
    if (!key.startsWith(scopePrefix) || key.length() == scopePrefix.length() || key.endsWith("/")) {
      return Optional.empty();
    }
    String name = key.substring(scopePrefix.length());
    return name.chars().anyMatch(Character::isWhitespace) ? Optional.empty() : Optional.of(name);
  }

  /** Why the id cannot name an object, if it cannot; checked before any call. */
  public Optional<String> problemWith(SecretId id) {
    if (id.name().startsWith("/") || id.name().endsWith("/") || id.name().contains("//")) {
      return Optional.of(
          "the secret name " + id.name() + " must not start or end with '/' nor contain '//'");
    }
    return problemWithKey(key(id));
  }

  Optional<String> problemWith(SecretScope scope) {
    return problemWithKey(scopePrefix(scope));
  }

  private static Optional<String> problemWithKey(String key) {
    if (key.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
      return Optional.of("the object key " + key + " is longer than " + MAX_KEY_BYTES + " bytes");
    }
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (!isSafe(c)) {
        return Optional.of(
            "the object key "
                + key
                + " contains '"
                + c
                + "'; keys allow only ASCII letters, digits and /!-_.*'()");
      }
    }
    return Optional.empty();
  }

  /** S3's "safe" key characters: no encoding surprises in URLs, listings or IAM conditions. */
  private static boolean isSafe(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || "/!-_.*'()".indexOf(c) >= 0;
  }
}
