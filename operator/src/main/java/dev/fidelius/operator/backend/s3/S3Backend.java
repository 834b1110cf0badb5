package dev.fidelius.operator.backend.s3;

import dev.fidelius.operator.aws.AwsClientFactory;
import dev.fidelius.operator.backend.ChangeFeed;
import dev.fidelius.operator.backend.NameFallback;
import dev.fidelius.operator.backend.Outcome;
import dev.fidelius.operator.backend.SecretBackend;
import dev.fidelius.operator.backend.SecretId;
import dev.fidelius.operator.backend.SecretListing;
import dev.fidelius.operator.backend.SecretRequest;
import dev.fidelius.operator.backend.SecretScope;
import dev.fidelius.operator.backend.SecretValue;
import dev.fidelius.operator.backend.ValueCache;
import dev.fidelius.operator.backend.s3.S3StoreConfig.Encryption;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Objects of an S3 bucket as a {@link SecretBackend}, with one identity: each secret version is an
 * object ({@code <prefix>APP/component/sdlc/short}) whose body is a KMS ciphertext or, with
 * server-side encryption, the value. Change detection lists keys and ETags (a thousand per call); a
 * body is read, and decrypted, once per version ever seen. Thread-safe.
 */
public final class S3Backend implements SecretBackend {

  /** The most a Kubernetes Secret can hold: no larger value can ever be synced. */
  static final int MAX_VALUE_BYTES = 1024 * 1024;

  /** KMS ciphertexts are at most 6 KiB (8 KiB in base64); a larger envelope body is not one. */
  static final int MAX_ENVELOPE_BYTES = 16 * 1024;

  private static final int SEEN_KEYS = 50_000;
  private static final int UNDECRYPTED_BODIES = 1_000;

  private final ObjectVersions versions;
  private final ObjectValueReader reader;
  private final NameFallback<SecretId> idFallback;
  private final NameFallback<SecretRequest> requestFallback;
  private volatile ChangeFeed changeFeed;

  S3Backend(S3StoreConfig config, S3Api s3, KmsApi kms, ValueCache cache) {
    ObjectNaming naming = new ObjectNaming(config.prefix());
    ObjectDecoder decoder =
        new ObjectDecoder(config.encryption(), config.fideliusContext(), kms, config.bucket());
    int maxBytes = decoder.needsKms() ? MAX_ENVELOPE_BYTES : MAX_VALUE_BYTES;
    ObjectFetcher fetcher = new ObjectFetcher(s3, config.bucket(), maxBytes);
    SeenObjects seen = new SeenObjects(SEEN_KEYS, UNDECRYPTED_BODIES);
    this.reader = new ObjectValueReader(naming, fetcher, decoder, seen, cache, config.storeKey());
    this.versions =
        new ObjectVersions(
            naming,
            new ObjectLister(s3, config.bucket()),
            fetcher,
            seen,
            reader::readAhead,
            config.bucket());
    this.idFallback = NameFallback.forIds(config.componentFallback());
    this.requestFallback = NameFallback.forRequests(config.componentFallback());
  }

  /**
   * A backend on clients the caller built and caches; {@code kms} may be null with server-side
   * encryption.
   */
  public static S3Backend create(
      S3StoreConfig config, S3Client s3, KmsClient kms, ValueCache cache) {
    SdkS3Api api = new SdkS3Api(s3, kms);
    return new S3Backend(config, api, api, cache);
  }

  /**
   * A backend on new clients for the store's region and endpoints, acting with the given
   * credentials.
   */
  public static S3Backend connect(
      S3StoreConfig config,
      AwsClientFactory clients,
      AwsCredentialsProvider credentials,
      ValueCache cache) {
    S3Client s3 = clients.s3(config.region(), credentials, config.endpoints().s3Override());
    KmsClient kms =
        config.encryption() == Encryption.KMS_ENVELOPE
            ? clients.kms(config.region(), credentials, config.endpoints().kmsOverride())
            : null;
    return create(config, s3, kms, cache);
  }

  /**
   * Announces changes through {@code feed} (the store's queue); set once, when the store is
   * connected.
   */
  S3Backend withChangeFeed(ChangeFeed feed) {
    this.changeFeed = feed;
    return this;
  }

  @Override
  public Optional<ChangeFeed> changeFeed() {
    return Optional.ofNullable(changeFeed);
  }

  @Override
  public Map<SecretId, Outcome<String>> currentVersions(Collection<SecretId> ids) {
    return idFallback.lookup(new LinkedHashSet<>(ids), versions::currentVersions);
  }

  @Override
  public Map<SecretRequest, Outcome<SecretValue>> read(Collection<SecretRequest> requests) {
    return requestFallback.lookup(new LinkedHashSet<>(requests), reader::read);
  }

  @Override
  public Outcome<List<SecretListing>> list(SecretScope scope) {
    return versions.list(scope);
  }
}
