package dev.fidelius.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** Objects of an S3 bucket, keyed {@code <prefix>APP/component/sdlc/name}, encrypted with KMS. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class S3Provider {

  @JsonPropertyDescription("Bucket name.")
  @Required
  @Pattern("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$")
  private String bucket;

  @JsonPropertyDescription(
      "Key prefix every object key starts with, such as secrets/. Default: none.")
  @Pattern("^([A-Za-z0-9!_.*'()-]+/)*[A-Za-z0-9!_.*'()-]*$")
  @Size(max = 512)
  private String prefix;

  @JsonPropertyDescription("AWS region of the bucket (and of the KMS key for KmsEnvelope).")
  @Required
  @Pattern("^[a-z0-9-]+$")
  private String region;

  @JsonPropertyDescription(
      "KmsEnvelope (default): the body is a KMS ciphertext blob, decrypted with KMS. ServerSide: S3 decrypts (SSE-KMS or SSE-S3).")
  @Default("KmsEnvelope")
  private S3Encryption encryption;

  @JsonPropertyDescription(
      "KmsEnvelope only: the encryption context the objects were encrypted under, None (default) or Fidelius.")
  @Default("None")
  private S3EncryptionContext encryptionContext;

  @JsonPropertyDescription(
      "KMS key new objects are written under (tooling only; the operator only reads): the envelope key for KmsEnvelope (required for writes), the SSE-KMS key for ServerSide (none: SSE-S3).")
  @Size(max = 2048)
  private String kmsKeyId;

  @JsonPropertyDescription(
      "When a secret with a component cannot be read, retry without the component, as the Fidelius SDK does. Default true.")
  private Boolean componentFallback;

  public String getBucket() {
    return bucket;
  }

  public void setBucket(String bucket) {
    this.bucket = bucket;
  }

  public String getPrefix() {
    return prefix;
  }

  public void setPrefix(String prefix) {
    this.prefix = prefix;
  }

  public String getRegion() {
    return region;
  }

  public void setRegion(String region) {
    this.region = region;
  }

  public S3Encryption getEncryption() {
    return encryption;
  }

  public void setEncryption(S3Encryption encryption) {
    this.encryption = encryption;
  }

  public S3EncryptionContext getEncryptionContext() {
    return encryptionContext;
  }

  public void setEncryptionContext(S3EncryptionContext encryptionContext) {
    this.encryptionContext = encryptionContext;
  }

  public Boolean getComponentFallback() {
    return componentFallback;
  }

  public void setComponentFallback(Boolean componentFallback) {
    this.componentFallback = componentFallback;
  }

  public String getKmsKeyId() {
    return kmsKeyId;
  }

  public void setKmsKeyId(String kmsKeyId) {
    this.kmsKeyId = kmsKeyId;
  }
}
