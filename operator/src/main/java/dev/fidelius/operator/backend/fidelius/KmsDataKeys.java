package dev.fidelius.operator.backend.fidelius;

import dev.fidelius.operator.backend.AwsErrors;
import dev.fidelius.operator.backend.BackendError;
import dev.fidelius.operator.backend.ErrorKind;
import dev.fidelius.operator.backend.Outcome;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.DecryptResponse;
import software.amazon.awssdk.services.kms.model.GenerateDataKeyResponse;
import software.amazon.awssdk.services.kms.model.InvalidCiphertextException;

/** Fidelius data keys through KMS: generated for each new version, decrypted for each version read. */
final class KmsDataKeys implements DataKeyDecryptor {

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

  KmsDataKeys(KmsClient kms) {
    this.kms = Objects.requireNonNull(kms, "kms");
  }

  @Override
  public Outcome<DataKey> decrypt(byte[] wrappedKey, Map<String, String> encryptionContext, String secret) {
    byte[] plaintext = null;
    try {
      // No key id: the ciphertext names its key, and the key policy decides, on the context, who may use it.
      DecryptResponse response = kms.decrypt(b -> b
          .ciphertextBlob(SdkBytes.fromByteArray(wrappedKey))
          .encryptionContext(encryptionContext));
      plaintext = response.plaintext().asByteArray();
      if (plaintext.length != DataKey.BYTES) {
        return Outcome.failed(ErrorKind.MALFORMED, secret + ": its data key is " + plaintext.length
            + " bytes, a Fidelius data key is " + DataKey.BYTES);
      }
      return Outcome.ok(new DataKey(plaintext));
    } catch (InvalidCiphertextException e) {
      BackendError error = AwsErrors.classify("KMS Decrypt of the data key of " + secret, e);
      return Outcome.failed(error.kind(), error.message() + "; the encryption context " + encryptionContext
          + " is not the one the data key was encrypted with, or the key blob is damaged");
    } catch (SdkException e) {
      return Outcome.failed(AwsErrors.classify("KMS Decrypt of the data key of " + secret, e));
    } finally {
      if (plaintext != null) {
        Arrays.fill(plaintext, (byte) 0);
      }
    }
  }

  /** A new 64-byte data key under {@code keyId}, bound to the encryption context. */
  Outcome<GeneratedKey> generate(String keyId, Map<String, String> encryptionContext, String secret) {
    byte[] plaintext = null;
    try {
      GenerateDataKeyResponse response = kms.generateDataKey(b -> b
          .keyId(keyId)
          .numberOfBytes(DataKey.BYTES)
          .encryptionContext(encryptionContext));
      plaintext = response.plaintext().asByteArray();
      if (plaintext.length != DataKey.BYTES) {
        return Outcome.failed(ErrorKind.UNAVAILABLE, "KMS GenerateDataKey for " + secret + " returned "
            + plaintext.length + " bytes instead of " + DataKey.BYTES);
      }
      return Outcome.ok(new GeneratedKey(new DataKey(plaintext), response.ciphertextBlob().asByteArray()));
    } catch (SdkException e) {
      return Outcome.failed(AwsErrors.classify("KMS GenerateDataKey with key " + keyId + " for " + secret, e));
    } finally {
      if (plaintext != null) {
        Arrays.fill(plaintext, (byte) 0);
      }
    }
  }
}
