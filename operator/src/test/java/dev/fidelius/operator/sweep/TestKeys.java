package dev.fidelius.operator.sweep;

import dev.fidelius.operator.api.StoreKind;
import dev.fidelius.operator.store.BackendKey;
import dev.fidelius.operator.store.StoreKey;

/** Backend keys for tests: one per store name, read as the operator's identity. */
final class TestKeys {

  private TestKeys() {}

  static BackendKey key(String store) {
    return new BackendKey(
        new StoreKey(StoreKind.ClusterFideliusStore, null, store), "uid", 1, "operator");
  }
}
