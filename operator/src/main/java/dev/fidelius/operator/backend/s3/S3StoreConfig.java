package dev.fidelius.operator.backend.s3;

import dev.fidelius.operator.aws.AwsEndpoints;
import java.util.Objects;
import software.amazon.awssdk.regions.Region;

/**
 * How one store ({@code spec.provider.s3}) maps Fidelius coordinates onto objects of a bucket.
 *
 * @param endpoints endpoint overrides ({@code s3}, and {@code kms} for envelope objects)
 * @param prefix what every key starts with, such as {@code secrets/}; empty for none. A missing
 *     trailing slash is added.
 * @param encryption how an object's body holds the value
 * @param fideliusContext whether envelope objects were encrypted under the Fidelius encryption
 *     context ({@code Application}, {@code SDLC} and, with a component, {@code Component}); KMS
 *     then refuses an object copied to another application's or SDLC's key
 * @param componentFallback whether a name with a component that cannot be read is read again
 *     without it
 * @param storeKey separates this store's entries in the shared value cache (per store and identity)
 */
public record S3StoreConfig(
    Region region,
    AwsEndpoints endpoints,
    String bucket,
    String prefix,
    Encryption encryption,
    boolean fideliusContext,
    boolean componentFallback,
    String storeKey) {

  /** Where the value is decrypted. */
  public enum Encryption {
    /**
     * The body is a KMS ciphertext blob (raw, or base64 as {@code aws kms encrypt} prints it): KMS
     * Decrypt.
     */
    KMS_ENVELOPE,
    /** The body is the value; S3 decrypts it (SSE-KMS or SSE-S3). */
    SERVER_SIDE
  }

  public S3StoreConfig {
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(bucket, "bucket");
    Objects.requireNonNull(storeKey, "storeKey");
    endpoints = endpoints == null ? AwsEndpoints.DEFAULTS : endpoints;
    encryption = encryption == null ? Encryption.KMS_ENVELOPE : encryption;
    prefix = prefix == null ? "" : prefix.strip();
    while (prefix.startsWith("/")) {
      prefix = prefix.substring(1);
    }
    if (!prefix.isEmpty() && !prefix.endsWith("/")) {
      prefix = prefix + "/";
    }
  }

  /** KMS envelope objects without an encryption context, no prefix, component fallback on. */
  public static S3StoreConfig of(Region region, String bucket, String storeKey) {
    return new S3StoreConfig(
        region, null, bucket, "", Encryption.KMS_ENVELOPE, false, true, storeKey);
  }

  public S3StoreConfig withEndpoints(AwsEndpoints newEndpoints) {
    return new S3StoreConfig(
        region,
        newEndpoints,
        bucket,
        prefix,
        encryption,
        fideliusContext,
        componentFallback,
        storeKey);
  }

  public S3StoreConfig withPrefix(String newPrefix) {
    return new S3StoreConfig(
        region,
        endpoints,
        bucket,
        newPrefix,
        encryption,
        fideliusContext,
        componentFallback,
        storeKey);
  }

  public S3StoreConfig withEncryption(Encryption newEncryption, boolean newFideliusContext) {
    return new S3StoreConfig(
        region,
        endpoints,
        bucket,
        prefix,
        newEncryption,
        newFideliusContext,
        componentFallback,
        storeKey);
  }
}
