package dev.fidelius.writer.s3;

import dev.fidelius.operator.backend.AwsErrors;
import dev.fidelius.operator.backend.ErrorKind;
import dev.fidelius.operator.backend.Outcome;
import dev.fidelius.operator.backend.SecretId;
import dev.fidelius.operator.backend.s3.EnvelopeContext;
import dev.fidelius.operator.backend.s3.Etags;
import dev.fidelius.operator.backend.s3.ObjectNaming;
import dev.fidelius.operator.backend.s3.S3StoreConfig;
import dev.fidelius.operator.backend.s3.S3StoreConfig.Encryption;
import dev.fidelius.writer.ValueCallErrors;
import dev.fidelius.writer.fidelius.VersionHistoryEntry;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * Writes, deletes and audits objects under the keys the operator reads ({@link ObjectNaming}), in
 * the store's encryption mode: with {@code KmsEnvelope} a put encrypts the value with KMS (under
 * the Fidelius encryption context when the store names it, {@link EnvelopeContext}) and stores the
 * ciphertext blob, as {@code aws kms encrypt} writes it; with {@code ServerSide} it stores the
 * value and asks S3 to encrypt it (SSE-KMS under the store's key, SSE-S3 without one). Versions are
 * the operator's: the VersionId in a versioned bucket, else the ETag.
 */
public final class S3Writer {

  private final S3Client s3;
  private final KmsClient kms;
  private final S3StoreConfig config;
  private final ObjectNaming naming;
  private final String kmsKeyId;
  private final ObjectVersionList versions;

  /**
   * @param kms needed for {@code KmsEnvelope} only; may be null with server-side encryption
   * @param kmsKeyId the key new versions are encrypted under; required for {@code KmsEnvelope},
   *     optional for server-side encryption (none: SSE-S3)
   */
  public S3Writer(S3Client s3, KmsClient kms, S3StoreConfig config, String kmsKeyId) {
    this.s3 = Objects.requireNonNull(s3, "s3");
    this.kms = kms;
    this.config = Objects.requireNonNull(config, "config");
    this.naming = ObjectNaming.of(config);
    this.kmsKeyId = kmsKeyId == null || kmsKeyId.isBlank() ? null : kmsKeyId;
    this.versions = new ObjectVersionList(s3, config.bucket());
  }

  /**
   * @return the new version: its VersionId, or its ETag in a bucket without versioning
   */
  public Outcome<String> put(SecretId id, String value) {
    Objects.requireNonNull(value, "value");
    Optional<String> problem = naming.problemWith(id);
    if (problem.isPresent()) {
      return Outcome.failed(ErrorKind.INVALID_REQUEST, problem.get());
    }
    String key = naming.key(id);
    PutObjectRequest.Builder request =
        PutObjectRequest.builder()
            .bucket(config.bucket())
            .key(key)
            .contentType("application/octet-stream");
    byte[] body;
    if (config.encryption() == Encryption.KMS_ENVELOPE) {
      Outcome<byte[]> blob = encrypt(id, key, value);
      if (!blob.isOk()) {
        return Outcome.failed(blob.error());
      }
      body = blob.value();
    } else {
      body = value.getBytes(StandardCharsets.UTF_8);
      if (kmsKeyId != null) {
        request.serverSideEncryption(ServerSideEncryption.AWS_KMS).ssekmsKeyId(kmsKeyId);
      } else {
        request.serverSideEncryption(ServerSideEncryption.AES256);
      }
    }
    try {
      PutObjectResponse written = s3.putObject(request.build(), RequestBody.fromBytes(body));
      return Outcome.ok(Etags.versionOf(written.versionId(), written.eTag()));
    } catch (SdkException e) {
      return Outcome.failed(ValueCallErrors.classify("S3 PutObject of " + where(key), e));
    }
  }

  private Outcome<byte[]> encrypt(SecretId id, String key, String value) {
    if (kmsKeyId == null || kms == null) {
      return Outcome.failed(
          ErrorKind.INVALID_REQUEST,
          "the store encrypts objects with KMS (KmsEnvelope) but names no KMS key for "
              + where(key)
              + ": pass --kms-key-id or set kmsKeyId");
    }
    Map<String, String> context =
        config.fideliusContext() ? EnvelopeContext.of(id.scope()) : Map.of();
    try {
      return Outcome.ok(
          kms.encrypt(
                  b ->
                      b.keyId(kmsKeyId)
                          .plaintext(SdkBytes.fromUtf8String(value))
                          .encryptionContext(context.isEmpty() ? null : context))
              .ciphertextBlob()
              .asByteArray());
    } catch (SdkException e) {
      return Outcome.failed(ValueCallErrors.classify("KMS Encrypt for " + where(key), e));
    }
  }

  /** Every version S3 keeps of the object, newest first, with when it was written; no body read. */
  public Outcome<List<VersionHistoryEntry>> history(SecretId id) {
    String key = naming.key(id);
    try {
      List<VersionHistoryEntry> entries =
          versions.of(key).stream()
              .filter(v -> !v.deleteMarker())
              .map(v -> new VersionHistoryEntry(v.version(), null, v.lastModified()))
              .toList();
      return entries.isEmpty()
          ? Outcome.failed(ErrorKind.NOT_FOUND, where(key) + " does not exist")
          : Outcome.ok(entries);
    } catch (SdkException e) {
      return Outcome.failed(AwsErrors.classify("S3 ListObjectVersions of " + where(key), e));
    }
  }

  /**
   * Deletes every version of the object (and its delete markers), so that nothing of it remains.
   *
   * @return how many versions went; 0 when there was nothing
   */
  public Outcome<Integer> delete(SecretId id) {
    String key = naming.key(id);
    try {
      List<ObjectVersionList.Version> all = versions.of(key);
      versions.deleteAll(key, all);
      return Outcome.ok((int) all.stream().filter(v -> !v.deleteMarker()).count());
    } catch (SdkException e) {
      return Outcome.failed(AwsErrors.classify("Deleting " + where(key), e));
    }
  }

  private String where(String key) {
    return "s3://" + config.bucket() + "/" + key;
  }
}
