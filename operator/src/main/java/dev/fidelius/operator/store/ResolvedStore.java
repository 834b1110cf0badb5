package dev.fidelius.operator.store;

import dev.fidelius.operator.api.FideliusStoreSpec;
import dev.fidelius.operator.api.StoreKind;
import java.util.Objects;

/**
 * A store as a sync uses it: which store, the spec generation it was read at, and the spec.
 * Backends are keyed by the generation, so clients and cached values of an old spec are never
 * reused.
 */
public record ResolvedStore(StoreKey key, String uid, long generation, FideliusStoreSpec spec) {

  public ResolvedStore {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(spec, "spec");
  }

  public ResolvedStore(
      StoreKind kind,
      String namespace,
      String name,
      String uid,
      long generation,
      FideliusStoreSpec spec) {
    this(new StoreKey(kind, namespace, name), uid, generation, spec);
  }

  public StoreKind kind() {
    return key.kind();
  }

  public String namespace() {
    return key.namespace();
  }

  public String name() {
    return key.name();
  }

  public boolean namespaced() {
    return key.kind() == StoreKind.FideliusStore;
  }

  /** For messages: {@code FideliusStore team-a/vault} or {@code ClusterFideliusStore shared}. */
  public String displayName() {
    return key.toString();
  }
}
