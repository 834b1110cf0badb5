package dev.fidelius.operator.backend.fidelius;

import dev.fidelius.operator.aws.AwsEndpoints;
import java.util.Objects;
import software.amazon.awssdk.regions.Region;

/**
 * Where a Fidelius store lives and how its items are named and encrypted: what a {@code dynamodb}
 * provider of a FideliusStore declares, with Fidelius's defaults.
 *
 * @param table the DynamoDB table (Fidelius and credstash use {@code credential-store})
 * @param region the region of both the table and the KMS key (KMS ciphertext is region-bound)
 * @param endpoints endpoint overrides for VPC endpoints or emulators
 * @param kmsKeyId the KMS key new versions are encrypted under; reads never need it, because a KMS
 *     ciphertext names its own key
 * @param contextKeys the encryption-context key names
 * @param componentFallback whether a secret asked for with a component is looked up without the
 *     component when the component's own secret cannot be read, as the Fidelius SDK does
 * @param storeKey separates this store's decrypted values from every other store's in the shared
 *     value cache; it must differ whenever the table, the account or the identity reading it
 *     differ, so that one identity is never served a value only another identity was allowed to
 *     decrypt
 */
public record FideliusStoreConfig(
    String table,
    Region region,
    AwsEndpoints endpoints,
    String kmsKeyId,
    ContextKeys contextKeys,
    boolean componentFallback,
    String storeKey) {

  public static final String DEFAULT_TABLE = "credential-store";
  public static final String DEFAULT_KMS_KEY_ID = "alias/credstash";

  public FideliusStoreConfig {
    table = table == null || table.isBlank() ? DEFAULT_TABLE : table;
    Objects.requireNonNull(region, "region is required");
    endpoints = endpoints == null ? AwsEndpoints.DEFAULTS : endpoints;
    kmsKeyId = kmsKeyId == null || kmsKeyId.isBlank() ? DEFAULT_KMS_KEY_ID : kmsKeyId;
    contextKeys = contextKeys == null ? ContextKeys.FIDELIUS_DEFAULTS : contextKeys;
    Objects.requireNonNull(storeKey, "storeKey is required");
    if (storeKey.isBlank()) {
      throw new IllegalArgumentException("storeKey must not be blank");
    }
  }

  /**
   * Fidelius's defaults: table {@code credential-store}, key {@code alias/credstash}, fallback on.
   */
  public static FideliusStoreConfig defaults(Region region, String storeKey) {
    return new FideliusStoreConfig(null, region, null, null, null, true, storeKey);
  }

  public FideliusStoreConfig withTable(String newTable) {
    return new FideliusStoreConfig(
        newTable, region, endpoints, kmsKeyId, contextKeys, componentFallback, storeKey);
  }

  public FideliusStoreConfig withEndpoints(AwsEndpoints newEndpoints) {
    return new FideliusStoreConfig(
        table, region, newEndpoints, kmsKeyId, contextKeys, componentFallback, storeKey);
  }

  public FideliusStoreConfig withKmsKeyId(String newKmsKeyId) {
    return new FideliusStoreConfig(
        table, region, endpoints, newKmsKeyId, contextKeys, componentFallback, storeKey);
  }

  public FideliusStoreConfig withContextKeys(ContextKeys newContextKeys) {
    return new FideliusStoreConfig(
        table, region, endpoints, kmsKeyId, newContextKeys, componentFallback, storeKey);
  }

  public FideliusStoreConfig withComponentFallback(boolean enabled) {
    return new FideliusStoreConfig(
        table, region, endpoints, kmsKeyId, contextKeys, enabled, storeKey);
  }
}
