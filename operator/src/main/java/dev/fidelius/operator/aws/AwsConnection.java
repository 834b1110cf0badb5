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

  public static Region region(String id) {
    return Region.of(id);
  }
}
