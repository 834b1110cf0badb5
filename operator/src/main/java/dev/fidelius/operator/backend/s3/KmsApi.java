package dev.fidelius.operator.backend.s3;

import java.util.Map;

/**
 * KMS Decrypt of an envelope object's body; the seam unit tests fake. Throws the SDK's exceptions.
 */
interface KmsApi {

  /** The plaintext of a ciphertext blob, under the given encryption context (empty for none). */
  byte[] decrypt(byte[] ciphertextBlob, Map<String, String> encryptionContext);
}
