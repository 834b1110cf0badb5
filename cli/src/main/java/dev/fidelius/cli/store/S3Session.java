package dev.fidelius.cli.store;

import dev.fidelius.operator.aws.AwsClientFactory;
import dev.fidelius.operator.backend.Outcome;
import dev.fidelius.operator.backend.SecretId;
import dev.fidelius.operator.backend.SecretListing;
import dev.fidelius.operator.backend.SecretRequest;
import dev.fidelius.operator.backend.SecretScope;
import dev.fidelius.operator.backend.SecretValue;
import dev.fidelius.operator.backend.ValueCache;
import dev.fidelius.operator.backend.VersionSelector;
import dev.fidelius.operator.backend.s3.S3Backend;
import dev.fidelius.operator.backend.s3.S3StoreConfig;
import dev.fidelius.writer.fidelius.VersionHistoryEntry;
import dev.fidelius.writer.s3.S3Writer;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * S3 with KMS: read by the operator's backend, written by the writer module, under the same keys
 * and in the store's encryption mode. {@code --version} takes a VersionId (or, in a bucket without
 * versioning, the current ETag).
 */
final class S3Session implements StoreSession {

  private static final long CACHE_BYTES = 16L << 20;

  private final StoreLocation store;
  private final AwsClientFactory clients;
  private final S3Client s3;
  private final KmsClient kms;
  private final S3Backend backend;
  private final S3Writer writer;
  private final String bucket;

  S3Session(StoreLocation store, AwsClientFactory clients, AwsCredentialsProvider credentials) {
    this.store = store;
    this.clients = clients;
    S3StoreConfig config =
        new S3StoreConfig(
            store.region(),
            store.endpoints(),
            store.bucket(),
            store.prefix(),
            store.encryption(),
            store.fideliusContext(),
            store.componentFallback(),
            "cli");
    this.bucket = config.bucket();
    this.s3 = clients.s3(store.region(), credentials, store.endpoints().s3Override());
    this.kms = clients.kms(store.region(), credentials, store.endpoints().kmsOverride());
    this.backend = S3Backend.create(config, s3, kms, new ValueCache(CACHE_BYTES));
    this.writer = new S3Writer(s3, kms, config, store.kmsKeyId());
  }

  @Override
  public String description() {
    return store.description() + " (S3 bucket " + bucket + " in " + store.region() + ")";
  }

  @Override
  public Outcome<SecretValue> get(SecretId id, Optional<String> version) {
    SecretRequest request =
        new SecretRequest(id, version.map(VersionSelector::exact).orElse(VersionSelector.LATEST));
    return backend.read(List.of(request)).get(request);
  }

  @Override
  public Outcome<String> put(SecretId id, String value) {
    return writer.put(id, value);
  }

  @Override
  public Outcome<List<VersionHistoryEntry>> history(SecretId id) {
    return writer.history(id);
  }

  @Override
  public Outcome<List<SecretListing>> list(SecretScope scope) {
    return backend.list(scope);
  }

  @Override
  public Outcome<Integer> delete(SecretId id) {
    return writer.delete(id);
  }

  @Override
  public void close() {
    s3.close();
    kms.close();
    clients.close();
  }
}
