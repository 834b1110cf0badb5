package dev.fidelius.operator.store;

import dev.fidelius.operator.aws.AwsConnection;
import dev.fidelius.operator.backend.SecretBackend;

/** Builds the backend for a store, reading with the connection's credentials. */
@FunctionalInterface
public interface BackendFactory {

  /**
   * @param key {@link BackendKey#cachePartition()} separates this backend's cached values from
   *     every other
   */
  SecretBackend create(ResolvedStore store, AwsConnection connection, BackendKey key);

  /**
   * The backend reading the store's replica in {@code region} (a store with failover regions), with
   * a connection for that region. Factories of one-region stores need not tell regions apart.
   */
  default SecretBackend createIn(
      ResolvedStore store, String region, AwsConnection connection, BackendKey key) {
    return create(store, connection, key);
  }
}
