package dev.fidelius.operator.backend.secretsmanager;

import dev.fidelius.operator.backend.FideliusCase;
import dev.fidelius.operator.backend.SecretScope;
import java.util.Optional;

/** A scope with the Fidelius case rules ({@link FideliusCase}) applied. */
record CanonicalScope(String application, String component, String sdlc) {

  static CanonicalScope of(SecretScope scope) {
    return new CanonicalScope(
        FideliusCase.upper(scope.application()),
        scope.componentIfAny().map(FideliusCase::lower).orElse(null),
        FideliusCase.lower(scope.sdlc()));
  }

  Optional<String> componentIfAny() {
    return Optional.ofNullable(component);
  }
}
