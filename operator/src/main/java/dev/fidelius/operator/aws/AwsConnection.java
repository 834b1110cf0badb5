package dev.fidelius.operator.aws;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * What a backend needs to build its AWS clients: the shared client factory, credentials of one
 * identity, and the store's endpoint overrides. Only {@code aws/} and {@code backend/*} look
 * inside.
 */
public record AwsConnection(
    AwsClientFactory clients, AwsCredentialsProvider credentials, AwsEndpoints endpoints) {

  /**
   * The same connection, its clients counting failed calls against {@code store} (itself when it
   * has no client factory, as in tests of what does not call AWS).
   */
  public AwsConnection forStore(String store) {
    return clients == null
        ? this
        : new AwsConnection(clients.forStore(store), credentials, endpoints);
  }

  public static Region region(String id) {
    return Region.of(id);
  }
}
