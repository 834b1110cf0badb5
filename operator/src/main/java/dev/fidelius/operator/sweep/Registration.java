package dev.fidelius.operator.sweep;

import dev.fidelius.operator.backend.SecretBackend;
import dev.fidelius.operator.store.BackendKey;
import java.util.Objects;

/**
 * What one sync read, and through which backend: the interest change detection keeps for that
 * resource.
 */
public record Registration(BackendKey key, SecretBackend backend, Interest interest) {

  public Registration {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(backend, "backend");
    Objects.requireNonNull(interest, "interest");
  }
}
