package dev.fidelius.writer.fidelius;

import dev.fidelius.operator.backend.AwsErrors;
import dev.fidelius.operator.backend.ErrorKind;
import dev.fidelius.operator.backend.Outcome;
import dev.fidelius.operator.backend.fidelius.DataKey;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.GenerateDataKeyResponse;

/** A fresh Fidelius data key from KMS GenerateDataKey for every version written. */
final class DataKeyGenerator {

  /** A fresh data key and its KMS ciphertext, the {@code key} attribute of the item it encrypts. */
  record GeneratedKey(DataKey plaintext, byte[] wrapped) implements AutoCloseable {
    @Override
    public void close() {
      plaintext.close();
    }

    @Override
    public String toString() {
      return "GeneratedKey[<redacted>]";
    }
  }

  private final KmsClient kms;

  DataKeyGenerator(KmsClient kms) {
    this.kms = Objects.requireNonNull(kms, "kms");
  }

  /** A new 64-byte data key under {@code keyId}, bound to the encryption context. */
  Outcome<GeneratedKey> generate(
      String keyId, Map<String, String> encryptionContext, String secret) {
    byte[] plaintext = null;
    try {
      GenerateDataKeyResponse response =
          kms.generateDataKey(
              b ->
                  b.keyId(keyId).numberOfBytes(DataKey.BYTES).encryptionContext(encryptionContext));
      plaintext = response.plaintext().asByteArray();
      if (plaintext.length != DataKey.BYTES) {
        return Outcome.failed(
            ErrorKind.UNAVAILABLE,
            "KMS GenerateDataKey for "
                + secret
                + " returned "
                + plaintext.length
                + " bytes instead of "
                + DataKey.BYTES);
      }
      return Outcome.ok(
          new GeneratedKey(new DataKey(plaintext), response.ciphertextBlob().asByteArray()));
    } catch (SdkException e) {
      return Outcome.failed(
          AwsErrors.classify("KMS GenerateDataKey with key " + keyId + " for " + secret, e));
    } finally {
      if (plaintext != null) {
        Arrays.fill(plaintext, (byte) 0);
      }
    }
  }
}
