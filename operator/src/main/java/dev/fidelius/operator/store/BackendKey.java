package dev.fidelius.operator.store;

import java.util.Objects;

/**
 * Identifies one backend: a store at one spec generation, read as one AWS identity. Every
 * FideliusSecret with the same key shares the backend, its AWS clients, its change detection and
 * its cached values.
 *
 * @param uid the store's uid, so that a store deleted and created again under the same name is a
 *     new store
 * @param identity {@code aws.AwsIdentity#key()}: names the principal, never holds a credential
 */
public record BackendKey(StoreKey store, String uid, long generation, String identity) {

  public BackendKey {
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(identity, "identity");
  }

  /** Separates this backend's entries in the shared value cache from every other backend's. */
  public String cachePartition() {
    return store.kind()
        + "/"
        + (store.namespace() == null ? "" : store.namespace() + "/")
        + store.name()
        + "@"
        + uid
        + "#"
        + generation
        + "|"
        + identity;
  }

  /**
   * Whether this is the same store at another spec generation (or a store of the same name
   * recreated).
   */
  public boolean supersededBy(BackendKey newer) {
    return store.equals(newer.store)
        && (generation != newer.generation || !Objects.equals(uid, newer.uid));
  }

  /** For logs: the store and generation, not the identity (which may name a tenant's role). */
  @Override
  public String toString() {
    return store + "#" + generation;
  }
}
