package dev.fidelius.operator.backend.s3;

import dev.fidelius.operator.aws.AwsCallCounter;
import dev.fidelius.operator.aws.AwsEndpoints;
import dev.fidelius.operator.backend.SecretBackend;
import dev.fidelius.operator.backend.SecretBackendContract;
import dev.fidelius.operator.backend.SecretId;
import dev.fidelius.operator.backend.ValueCache;
import dev.fidelius.operator.testsupport.AwsTestClients;
import dev.fidelius.operator.testsupport.MotoServer;
import java.util.UUID;

/**
 * The backend contract on moto's S3 and KMS: KMS envelope objects under the Fidelius encryption
 * context. {@link S3VersionedBucketContractIT} runs it on a versioned bucket (versions are
 * VersionIds), {@link S3UnversionedBucketContractIT} on one without versioning (versions are ETags,
 * and an overwritten version is gone).
 */
abstract class S3BackendContract extends SecretBackendContract {

  private static final String PREFIX = "secrets/";

  private AwsTestClients clients;
  private AwsTestClients writer;
  private S3Backend backend;
  private MotoObjects objects;
  private String bucket;
  private String keyId;

  void start(MotoServer moto, boolean versioned) {
    clients = new AwsTestClients();
    writer = new AwsTestClients();
    bucket = "contract-" + (versioned ? "v-" : "u-") + UUID.randomUUID().toString().substring(0, 8);
    objects =
        new MotoObjects(
            writer
                .factory()
                .s3(
                    MotoServer.REGION,
                    MotoServer.CREDENTIALS,
                    java.util.Optional.of(moto.endpoint())),
            writer.kms(moto.endpoint()));
    objects.createBucket(bucket, versioned);
    keyId = objects.createKey();
    S3StoreConfig store =
        S3StoreConfig.of(MotoServer.REGION, bucket, "s3-contract-" + bucket)
            .withPrefix(PREFIX)
            .withEncryption(S3StoreConfig.Encryption.KMS_ENVELOPE, true)
            .withEndpoints(AwsEndpoints.all(moto.endpoint()));
    backend =
        S3Backend.connect(
            store, clients.factory(), MotoServer.CREDENTIALS, new ValueCache(16 << 20));
  }

  void stop() {
    clients.close();
    writer.close();
  }

  @Override
  protected SecretBackend backend() {
    return backend;
  }

  @Override
  protected AwsCallCounter counter() {
    return clients.counter();
  }

  @Override
  protected String write(SecretId id, String value) {
    return objects.putEnvelope(
        bucket, MotoObjects.key(PREFIX, id), keyId, value, ObjectDecoder.contextOf(id.scope()));
  }
}
