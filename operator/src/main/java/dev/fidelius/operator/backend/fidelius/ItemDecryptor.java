package dev.fidelius.operator.backend.fidelius;

import dev.fidelius.operator.backend.ErrorKind;
import dev.fidelius.operator.backend.Outcome;
import java.util.Map;
import java.util.Objects;

/**
 * Turns a stored item into its plaintext: unwrap the data key with KMS under the secret's
 * encryption context, check the HMAC of the ciphertext in constant time, and only then decrypt. A
 * tampered or corrupted item never yields bytes, not even partially decrypted ones.
 */
final class ItemDecryptor {

  private final DataKeyDecryptor dataKeys;

  ItemDecryptor(DataKeyDecryptor dataKeys) {
    this.dataKeys = Objects.requireNonNull(dataKeys, "dataKeys");
  }

  /** The plaintext bytes of the item; the caller owns (and should wipe) the returned array. */
  Outcome<byte[]> plaintextOf(FideliusItem item, Map<String, String> encryptionContext) {
    Outcome<DataKey> unwrapped =
        dataKeys.decrypt(item.wrappedKey(), encryptionContext, item.describe());
    if (!unwrapped.isOk()) {
      return Outcome.failed(unwrapped.error());
    }
    try (DataKey key = unwrapped.value()) {
      byte[] ciphertext = item.ciphertext();
      if (!FideliusCrypto.hmacMatches(key, ciphertext, item.hmac())) {
        return Outcome.failed(
            ErrorKind.INTEGRITY_ERROR,
            item.describe()
                + ": the HMAC of its ciphertext does not match the stored hmac; the item was altered or corrupted,"
                + " so its value is withheld");
      }
      return Outcome.ok(FideliusCrypto.decrypt(key, ciphertext));
    }
  }
}
