package dev.fidelius.operator.backend.fidelius;

import dev.fidelius.operator.backend.BackendError;
import dev.fidelius.operator.backend.ErrorKind;
import dev.fidelius.operator.backend.Outcome;
import dev.fidelius.operator.backend.SecretScope;
import java.util.function.Function;

/**
 * The Fidelius SDK's component fallback: a secret asked for with a component that cannot be read is
 * looked up once more without the component ({@code A.S.short}, context without {@code Component}).
 * Never the other way round.
 *
 * <p>One deliberate difference from the SDK: when the component lookup failed because the store
 * could not answer (throttling, outage), there is no fallback. The SDK reads once at start-up; the
 * operator re-reads on every refresh, and falling back on a transient failure would flip a
 * Kubernetes Secret to the component-less value and back whenever DynamoDB or KMS hiccup. Not
 * found, access denied, decrypt and integrity failures are answers about the item, and those fall
 * back as in the SDK.
 */
public final class ComponentFallback {

  private final boolean enabled;

  public ComponentFallback(boolean enabled) {
    this.enabled = enabled;
  }

  /** Runs the lookup in the scope, and without the component when the rule above says so. */
  public <T> Outcome<T> lookup(SecretScope scope, Function<SecretScope, Outcome<T>> lookup) {
    Outcome<T> primary = lookup.apply(scope);
    if (primary.isOk() || !appliesTo(scope, primary.error())) {
      return primary;
    }
    Outcome<T> fallback = lookup.apply(scope.withoutComponent());
    if (fallback.isOk()) {
      return fallback;
    }
    return Outcome.failed(combined(primary.error(), fallback.error()));
  }

  private boolean appliesTo(SecretScope scope, BackendError error) {
    return enabled
        && scope.componentIfAny().isPresent()
        && error.kind() != ErrorKind.THROTTLED
        && error.kind() != ErrorKind.UNAVAILABLE;
  }

  /**
   * Both failed. The component lookup's problem is the one to fix, unless it merely did not exist;
   * in particular a NOT_FOUND of the fallback must not hide, say, an access denial on the
   * component's secret, because a confirmed NOT_FOUND may lead to deleting the synced Kubernetes
   * Secret.
   */
  private static BackendError combined(BackendError primary, BackendError fallback) {
    ErrorKind kind = primary.kind() == ErrorKind.NOT_FOUND ? fallback.kind() : primary.kind();
    return BackendError.of(
        kind, primary.message() + "; without the component: " + fallback.message());
  }
}
