package dev.fidelius.operator.reconciler;

import dev.fidelius.operator.api.ClusterFideliusStore;
import dev.fidelius.operator.api.FideliusStore;
import dev.fidelius.operator.api.StoreKind;
import dev.fidelius.operator.store.ResolvedStore;

/** A store resource as a sync uses it, taken out of its Kubernetes object. */
public final class ResolvedStores {

  private ResolvedStores() {}

  public static ResolvedStore of(FideliusStore store) {
    var meta = store.getMetadata();
    return new ResolvedStore(
        StoreKind.FideliusStore,
        meta.getNamespace(),
        meta.getName(),
        meta.getUid(),
        generationOf(meta.getGeneration()),
        store.getSpec());
  }

  public static ResolvedStore of(ClusterFideliusStore store) {
    var meta = store.getMetadata();
    return new ResolvedStore(
        StoreKind.ClusterFideliusStore,
        null,
        meta.getName(),
        meta.getUid(),
        generationOf(meta.getGeneration()),
        store.getSpec());
  }

  private static long generationOf(Long generation) {
    return generation == null ? 0 : generation;
  }
}
