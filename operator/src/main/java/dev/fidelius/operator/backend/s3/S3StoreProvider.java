package dev.fidelius.operator.backend.s3;

import dev.fidelius.operator.api.FideliusStoreSpec;
import dev.fidelius.operator.api.S3Encryption;
import dev.fidelius.operator.api.S3EncryptionContext;
import dev.fidelius.operator.api.S3Provider;
import dev.fidelius.operator.aws.AwsConnection;
import dev.fidelius.operator.backend.ChangeNotice;
import dev.fidelius.operator.backend.SecretBackend;
import dev.fidelius.operator.backend.ValueCache;
import dev.fidelius.operator.backend.queue.StoreQueueFeeds;
import dev.fidelius.operator.provider.StoreProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@code spec.provider.s3}: objects of an S3 bucket, encrypted with KMS. */
public final class S3StoreProvider implements StoreProvider {

  /** One reader per queue and identity, shared by every store connected through this provider. */
  private final StoreQueueFeeds queueFeeds = new StoreQueueFeeds();

  @Override
  public String field() {
    return "s3";
  }

  @Override
  public boolean selectedBy(dev.fidelius.operator.api.StoreProvider provider) {
    return provider.getS3() != null;
  }

  @Override
  public List<String> problems(FideliusStoreSpec spec) {
    S3Provider s3 = settings(spec);
    List<String> problems = new ArrayList<>();
    if (s3.getRegion() == null || s3.getRegion().isBlank()) {
      problems.add("spec.provider.s3.region is required");
    }
    if (s3.getBucket() == null || s3.getBucket().isBlank()) {
      problems.add("spec.provider.s3.bucket is required");
    }
    if (s3.getEncryption() == S3Encryption.ServerSide
        && s3.getEncryptionContext() == S3EncryptionContext.Fidelius) {
      problems.add(
          "spec.provider.s3.encryptionContext applies to KmsEnvelope objects only; S3 chooses the context"
              + " of ServerSide encryption");
    }
    return problems;
  }

  @Override
  public String region(FideliusStoreSpec spec) {
    return settings(spec).getRegion();
  }

  @Override
  public SecretBackend connect(
      FideliusStoreSpec spec, AwsConnection connection, ValueCache cache, String cachePartition) {
    S3StoreConfig config = config(settings(spec), connection, cachePartition);
    S3Backend backend =
        S3Backend.connect(config, connection.clients(), connection.credentials(), cache);
    ObjectNaming naming = new ObjectNaming(config.prefix());
    queueFeeds
        .feed(
            spec.getChangeEvents(),
            config.region(),
            connection,
            change ->
                "s3".equals(change.service())
                    ? Optional.of(
                            ObjectChangeNotice.of(
                                change.name(), config.bucket(), naming, config.componentFallback()))
                        .filter(ObjectChangeNotice::inBucket)
                        .map(ChangeNotice.class::cast)
                    : Optional.empty())
        .ifPresent(backend::withChangeFeed);
    return backend;
  }

  /**
   * Objects are told apart by key alone: even envelope objects carry the Fidelius context only when
   * their writer chose to, so a key that also spells another SDLC's object must be refused.
   */
  @Override
  public Naming naming(FideliusStoreSpec spec) {
    return new Naming('/', true);
  }

  /** Versions are VersionIds or ETags; there are no labels. */
  @Override
  public Capabilities capabilities() {
    return new Capabilities(false, true);
  }

  static S3StoreConfig config(S3Provider p, AwsConnection connection, String partition) {
    S3StoreConfig.Encryption encryption =
        p.getEncryption() == S3Encryption.ServerSide
            ? S3StoreConfig.Encryption.SERVER_SIDE
            : S3StoreConfig.Encryption.KMS_ENVELOPE;
    return new S3StoreConfig(
        AwsConnection.region(p.getRegion()),
        connection.endpoints(),
        p.getBucket(),
        p.getPrefix(),
        encryption,
        p.getEncryptionContext() == S3EncryptionContext.Fidelius,
        p.getComponentFallback() == null || p.getComponentFallback(),
        partition);
  }

  private static S3Provider settings(FideliusStoreSpec spec) {
    return spec.getProvider().getS3();
  }
}
