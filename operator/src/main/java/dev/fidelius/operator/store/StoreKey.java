package dev.fidelius.operator.store;

import dev.fidelius.operator.api.StoreKind;
import java.util.Objects;

/**
 * Names a store across its spec changes: its kind, namespace (null for a ClusterFideliusStore) and
 * name. The one way a FideliusSecret's storeRef and a store are matched (the reconciler's store
 * index).
 */
public record StoreKey(StoreKind kind, String namespace, String name) {

  public StoreKey {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
    if (kind == StoreKind.ClusterFideliusStore) {
      namespace = null;
    }
  }

  /**
   * The store a FideliusSecret in {@code secretNamespace} means by {@code kind} and {@code name}.
   */
  public static StoreKey referenced(StoreKind kind, String name, String secretNamespace) {
    StoreKind k = kind == null ? StoreKind.FideliusStore : kind;
    return new StoreKey(k, k == StoreKind.ClusterFideliusStore ? null : secretNamespace, name);
  }

  /**
   * For messages and index keys: {@code FideliusStore team-a/vault} or {@code ClusterFideliusStore
   * shared}.
   */
  @Override
  public String toString() {
    return kind + " " + (namespace == null ? name : namespace + "/" + name);
  }
}
