package dev.fidelius.operator.store;

import dev.fidelius.operator.backend.SecretBackend;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/** Builds the backend for a store's provider, reading with the given credentials. */
@FunctionalInterface
public interface BackendFactory {

  SecretBackend create(ResolvedStore store, AwsCredentialsProvider credentials);
}
