package dev.fidelius.operator.backend.secretsmanager;

import dev.fidelius.operator.backend.SecretScope;
import java.util.Optional;

/**
 * A scope with the Fidelius case rules applied: application upper-case, component and sdlc lower-case. Only
 * ASCII letters change case, whatever the JVM's locale (a Turkish default locale would otherwise turn
 * {@code app} into {@code APP} with a dotted capital I), so a name maps the same way on every machine.
 */
record CanonicalScope(String application, String component, String sdlc) {

  static CanonicalScope of(SecretScope scope) {
    return new CanonicalScope(
        asciiUpper(scope.application()),
        scope.componentIfAny().map(CanonicalScope::asciiLower).orElse(null),
        asciiLower(scope.sdlc()));
  }

  Optional<String> componentIfAny() {
    return Optional.ofNullable(component);
  }

  private static String asciiUpper(String s) {
    char[] chars = s.toCharArray();
    for (int i = 0; i < chars.length; i++) {
      if (chars[i] >= 'a' && chars[i] <= 'z') {
        chars[i] = (char) (chars[i] - ('a' - 'A'));
      }
    }
    return new String(chars);
  }

  private static String asciiLower(String s) {
    char[] chars = s.toCharArray();
    for (int i = 0; i < chars.length; i++) {
      if (chars[i] >= 'A' && chars[i] <= 'Z') {
        chars[i] = (char) (chars[i] + ('a' - 'A'));
      }
    }
    return new String(chars);
  }
}
