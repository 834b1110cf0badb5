package dev.fidelius.operator.store;

import dev.fidelius.operator.backend.SecretBackend;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/** Builds the backend for a store's provider, reading with the given credentials. */
@FunctionalInterface
public interface BackendFactory {

  /**
   * @param cacheKey separates this backend's cached values from every other (store, identity): a value one
   *     identity decrypted is never served to another
   */
  SecretBackend create(ResolvedStore store, AwsCredentialsProvider credentials, String cacheKey);
}
