package dev.fidelius.operator.backend.fidelius;

import dev.fidelius.operator.backend.Outcome;
import java.util.Map;

/**
 * Unwraps an item's data key (KMS Decrypt in production). The seam lets unit tests count and refuse
 * calls.
 */
interface DataKeyDecryptor {

  /**
   * @param wrappedKey the item's {@code key} attribute, decoded: a KMS ciphertext blob
   * @param encryptionContext the context the key must have been encrypted with
   * @param secret names the secret and version for error messages, for example {@code APP.dev.db
   *     v3}
   * @return the 64-byte data key, or a typed error whose message names {@code secret} and the cause
   */
  Outcome<DataKey> decrypt(byte[] wrappedKey, Map<String, String> encryptionContext, String secret);
}
