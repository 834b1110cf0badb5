package dev.fidelius.operator.backend.secretsmanager;

import dev.fidelius.operator.backend.SecretId;
import dev.fidelius.operator.backend.SecretScope;
import dev.fidelius.operator.backend.secretsmanager.SecretsManagerStoreConfig.Naming;
import java.util.Objects;
import java.util.Optional;

/**
 * Maps Fidelius coordinates to Secrets Manager names and back: {@code APP.component.sdlc.short} (or
 * the path form {@code APP/component/sdlc/short}), the prefix shared by every secret of a scope,
 * and the short name of a listed secret within a scope.
 */
public final class SecretsManagerNaming {

  /** Secrets Manager's limit on a secret name. */
  static final int MAX_NAME_LENGTH = 512;

  private final String separator;

  public SecretsManagerNaming(Naming naming) {
    this.separator = Objects.requireNonNull(naming, "naming") == Naming.PATH ? "/" : ".";
  }

  public String secretName(SecretId id) {
    return scopePrefix(id.scope()) + id.name();
  }

  /** What every secret name of the scope starts with, separator included ({@code APP.sdlc.}). */
  String scopePrefix(SecretScope scope) {
    CanonicalScope canonical = CanonicalScope.of(scope);
    StringBuilder prefix = new StringBuilder(canonical.application()).append(separator);
    canonical.componentIfAny().ifPresent(c -> prefix.append(c).append(separator));
    return prefix.append(canonical.sdlc()).append(separator).toString();
  }

  /** The short name the secret has in the scope, when its name lies in the scope. */
  Optional<String> shortNameIn(SecretScope scope, String secretName) {
    String prefix = scopePrefix(scope);
    if (!secretName.startsWith(prefix) || secretName.length() == prefix.length()) {
      return Optional.empty();
    }
    String shortName = secretName.substring(prefix.length());
    return shortName.chars().anyMatch(Character::isWhitespace)
        ? Optional.empty()
        : Optional.of(shortName);
  }

  /**
   * Why the id cannot name a Secrets Manager secret, if it cannot. Checked before any call: AWS
   * would refuse the name anyway, and a leading {@code !} would turn a ListSecrets name filter into
   * a negation.
   */
  public Optional<String> problemWith(SecretId id) {
    return problemWithName(secretName(id));
  }

  /** Why the scope's secrets cannot have Secrets Manager names, if they cannot. */
  Optional<String> problemWith(SecretScope scope) {
    return problemWithName(scopePrefix(scope));
  }

  private static Optional<String> problemWithName(String name) {
    if (name.length() > MAX_NAME_LENGTH) {
      return Optional.of(
          "the Secrets Manager name "
              + name
              + " is longer than "
              + MAX_NAME_LENGTH
              + " characters");
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (!isAllowed(c)) {
        return Optional.of(
            "the Secrets Manager name "
                + name
                + " contains '"
                + c
                + "'; secret names allow only ASCII letters, digits and /_+=.@-");
      }
    }
    return Optional.empty();
  }

  private static boolean isAllowed(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || "/_+=.@-".indexOf(c) >= 0;
  }
}
