package dev.fidelius.operator.backend.s3;

import dev.fidelius.operator.backend.SecretId;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * Arranges buckets and objects in moto the way a team using "KMS + S3" would: encrypt with KMS,
 * upload the ciphertext blob; or upload the value with SSE-KMS. Keys are spelled out here rather
 * than taken from {@link ObjectNaming}, so that a naming bug cannot hide by writing and reading the
 * same wrong key.
 */
final class MotoObjects {

  private final S3Client s3;
  private final KmsClient kms;

  MotoObjects(S3Client s3, KmsClient kms) {
    this.s3 = s3;
    this.kms = kms;
  }

  static String key(String prefix, SecretId id) {
    String application = id.scope().application().toUpperCase(Locale.ROOT);
    String sdlc = id.scope().sdlc().toLowerCase(Locale.ROOT);
    List<String> segments =
        id.scope()
            .componentIfAny()
            .map(c -> List.of(application, c.toLowerCase(Locale.ROOT), sdlc, id.name()))
            .orElse(List.of(application, sdlc, id.name()));
    return prefix + String.join("/", segments);
  }

  void createBucket(String bucket, boolean versioned) {
    s3.createBucket(b -> b.bucket(bucket));
    if (versioned) {
      s3.putBucketVersioning(
          b ->
              b.bucket(bucket)
                  .versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
    }
  }

  String createKey() {
    return kms.createKey(b -> b.description("s3 envelope test key")).keyMetadata().keyId();
  }

  /** The raw ciphertext blob of {@code aws kms encrypt}, under the context when one is given. */
  byte[] encrypt(String keyId, String value, Map<String, String> context) {
    return kms.encrypt(
            b ->
                b.keyId(keyId)
                    .plaintext(SdkBytes.fromUtf8String(value))
                    .encryptionContext(context.isEmpty() ? null : context))
        .ciphertextBlob()
        .asByteArray();
  }

  /**
   * Uploads the body; returns the new version: the VersionId in a versioned bucket, else the ETag.
   */
  String put(String bucket, String key, byte[] body) {
    PutObjectResponse r = s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(body));
    return r.versionId() != null ? r.versionId() : r.eTag().replace("\"", "");
  }

  String putEnvelope(
      String bucket, String key, String keyId, String value, Map<String, String> context) {
    return put(bucket, key, encrypt(keyId, value, context));
  }

  /**
   * The base64 text {@code aws kms encrypt --output text --query CiphertextBlob} prints, uploaded
   * as is.
   */
  String putEnvelopeBase64(String bucket, String key, String keyId, String value) {
    return put(
        bucket,
        key,
        (Base64.getEncoder().encodeToString(encrypt(keyId, value, Map.of())) + "\n").getBytes());
  }

  String putServerSide(String bucket, String key, String value, String keyId) {
    PutObjectResponse r =
        s3.putObject(
            b ->
                b.bucket(bucket)
                    .key(key)
                    .serverSideEncryption(ServerSideEncryption.AWS_KMS)
                    .ssekmsKeyId(keyId),
            RequestBody.fromString(value));
    return r.versionId() != null ? r.versionId() : r.eTag().replace("\"", "");
  }
}
