package dev.fidelius.operator.backend;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The Fidelius SDK's component fallback for backends that read in batches (Parameter Store, S3):
 * whatever the first batch could not answer for a name with a component is asked once more, in a
 * second batch, without the component. Never the other way round. As in the Fidelius store's own
 * fallback, a throttled or unavailable service is no answer about the secret and does not fall
 * back, so that a hiccup never flips a Kubernetes Secret to the component-less value and back.
 *
 * @param <K> what is asked for: a {@link SecretId} or a {@link SecretRequest}
 */
public final class NameFallback<K> {

  private final boolean enabled;
  private final Function<K, SecretScope> scopeOf;
  private final UnaryOperator<K> withoutComponent;

  public NameFallback(
      boolean enabled, Function<K, SecretScope> scopeOf, UnaryOperator<K> withoutComponent) {
    this.enabled = enabled;
    this.scopeOf = scopeOf;
    this.withoutComponent = withoutComponent;
  }

  public static NameFallback<SecretId> forIds(boolean enabled) {
    return new NameFallback<>(
        enabled, SecretId::scope, id -> new SecretId(id.scope().withoutComponent(), id.name()));
  }

  public static NameFallback<SecretRequest> forRequests(boolean enabled) {
    return new NameFallback<>(
        enabled,
        r -> r.id().scope(),
        r ->
            new SecretRequest(
                new SecretId(r.id().scope().withoutComponent(), r.id().name()), r.version()));
  }

  /** Runs the batch, then one more batch for the failures the rule above lets fall back. */
  public <T> Map<K, Outcome<T>> lookup(
      Collection<K> keys, Function<Collection<K>, Map<K, Outcome<T>>> batch) {
    Map<K, Outcome<T>> results = new LinkedHashMap<>(batch.apply(keys));
    if (!enabled) {
      return results;
    }
    Map<K, K> fallbacks = new LinkedHashMap<>();
    results.forEach(
        (key, outcome) -> {
          if (!outcome.isOk() && appliesTo(key, outcome.error())) {
            fallbacks.put(key, withoutComponent.apply(key));
          }
        });
    if (fallbacks.isEmpty()) {
      return results;
    }
    Map<K, Outcome<T>> second = batch.apply(new ArrayList<>(fallbacks.values()));
    fallbacks.forEach(
        (key, fallback) -> {
          Outcome<T> outcome = second.get(fallback);
          if (outcome != null) {
            results.put(
                key,
                outcome.isOk()
                    ? outcome
                    : Outcome.failed(combined(results.get(key).error(), outcome.error())));
          }
        });
    return results;
  }

  private boolean appliesTo(K key, BackendError error) {
    return scopeOf.apply(key).componentIfAny().isPresent()
        && error.kind() != ErrorKind.THROTTLED
        && error.kind() != ErrorKind.UNAVAILABLE
        && error.kind() != ErrorKind.INVALID_REQUEST;
  }

  /**
   * Both failed. The component's problem is the one to fix unless it merely did not exist: a
   * NOT_FOUND of the fallback must not hide an access denial on the component's secret, because a
   * confirmed NOT_FOUND may lead to deleting the synced Kubernetes Secret.
   */
  private static BackendError combined(BackendError primary, BackendError fallback) {
    ErrorKind kind = primary.kind() == ErrorKind.NOT_FOUND ? fallback.kind() : primary.kind();
    return BackendError.of(
        kind, primary.message() + "; without the component: " + fallback.message());
  }
}
