package dev.fidelius.operator.backend.secretsmanager;

import dev.fidelius.operator.backend.SecretId;
import dev.fidelius.operator.backend.SecretScope;
import dev.fidelius.operator.backend.secretsmanager.SecretsManagerStoreConfig.Discovery;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides whether a listed secret belongs to a scope: by its name, and with discovery by tags also
 * by its {@code Application}, {@code SDLC} and {@code Component} tags.
 */
final class ScopeMembership {

  static final String APPLICATION_TAG = "Application";
  static final String SDLC_TAG = "SDLC";
  static final String COMPONENT_TAG = "Component";

  private final SecretsManagerNaming naming;
  private final Discovery discovery;

  ScopeMembership(SecretsManagerNaming naming, Discovery discovery) {
    this.naming = naming;
    this.discovery = discovery;
  }

  /** The secret's id within the scope, when it belongs there. */
  Optional<SecretId> idIn(SecretScope scope, ListedSecret secret) {
    if (!taggedFor(scope, secret)) {
      return Optional.empty();
    }
    return naming
        .shortNameIn(scope, secret.name())
        .map(shortName -> new SecretId(scope, shortName));
  }

  /** True when the tags place the secret in the scope, or when discovery ignores tags. */
  boolean taggedFor(SecretScope scope, ListedSecret secret) {
    if (discovery != Discovery.TAGS) {
      return true;
    }
    CanonicalScope canonical = CanonicalScope.of(scope);
    // No Component tag (or an empty one) is what a scope without a component asks for.
    String component = secret.tags().getOrDefault(COMPONENT_TAG, "");
    return canonical.application().equals(secret.tags().get(APPLICATION_TAG))
        && canonical.sdlc().equals(secret.tags().get(SDLC_TAG))
        && Objects.equals(canonical.componentIfAny().orElse(""), component);
  }

  /** The tags the scope needs, for messages: {@code Application=APP, SDLC=dev, no Component}. */
  String requiredTags(SecretScope scope) {
    CanonicalScope canonical = CanonicalScope.of(scope);
    return APPLICATION_TAG
        + "="
        + canonical.application()
        + ", "
        + SDLC_TAG
        + "="
        + canonical.sdlc()
        + ", "
        + canonical
            .componentIfAny()
            .map(c -> COMPONENT_TAG + "=" + c)
            .orElse("no " + COMPONENT_TAG);
  }

  boolean filtersByTags() {
    return discovery == Discovery.TAGS;
  }
}
