package dev.fidelius.operator.store;

import dev.fidelius.operator.api.ClusterFideliusStore;
import dev.fidelius.operator.api.FideliusStore;
import dev.fidelius.operator.api.FideliusStoreSpec;
import dev.fidelius.operator.api.StoreKind;
import java.util.Objects;

/**
 * A store as the reconciler uses it: its kind, where it lives, and the spec generation it was read at. The
 * cache key changes with every spec change, so clients and cached values of an old spec are never reused.
 */
public record ResolvedStore(StoreKind kind, String namespace, String name, String uid, long generation,
    FideliusStoreSpec spec) {

  public ResolvedStore {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(spec, "spec");
  }

  public static ResolvedStore of(FideliusStore store) {
    return new ResolvedStore(StoreKind.FideliusStore, store.getMetadata().getNamespace(),
        store.getMetadata().getName(), store.getMetadata().getUid(), generationOf(store.getMetadata().getGeneration()),
        store.getSpec());
  }

  public static ResolvedStore of(ClusterFideliusStore store) {
    return new ResolvedStore(StoreKind.ClusterFideliusStore, null, store.getMetadata().getName(),
        store.getMetadata().getUid(), generationOf(store.getMetadata().getGeneration()), store.getSpec());
  }

  public boolean namespaced() {
    return kind == StoreKind.FideliusStore;
  }

  /** Identifies this store at this spec generation. */
  public String cacheKey() {
    return kind + "/" + (namespace == null ? "" : namespace + "/") + name + "@" + uid + "#" + generation;
  }

  /** For messages: {@code FideliusStore team-a/vault} or {@code ClusterFideliusStore shared}. */
  public String displayName() {
    return kind + " " + (namespace == null ? name : namespace + "/" + name);
  }

  private static long generationOf(Long generation) {
    return generation == null ? 0 : generation;
  }
}
