package dev.fidelius.operator.backend.s3;

import dev.fidelius.operator.backend.ErrorKind;
import dev.fidelius.operator.backend.Outcome;
import dev.fidelius.operator.backend.SecretScope;
import dev.fidelius.operator.backend.SecretValue;
import dev.fidelius.operator.backend.StrictUtf8;
import dev.fidelius.operator.backend.s3.S3StoreConfig.Encryption;
import java.util.Base64;
import java.util.Map;

/**
 * Turns an object's body into its value: for envelope objects, KMS Decrypt of the ciphertext blob
 * (raw bytes, or base64 text as {@code aws kms encrypt --output text} prints it), under the
 * Fidelius encryption context when the store says so; for server-side encryption, the body itself.
 * A body KMS cannot decrypt is an error, never data: KMS authenticates every ciphertext, so a
 * damaged one fails to decrypt.
 */
final class ObjectDecoder {

  private final Encryption encryption;
  private final boolean fideliusContext;
  private final KmsApi kms;
  private final String bucket;

  ObjectDecoder(Encryption encryption, boolean fideliusContext, KmsApi kms, String bucket) {
    this.encryption = encryption;
    this.fideliusContext = fideliusContext;
    this.kms = kms;
    this.bucket = bucket;
  }

  boolean needsKms() {
    return encryption == Encryption.KMS_ENVELOPE;
  }

  /**
   * @param scope the scope the object was read for (after a component fallback, the scope without
   *     it); used for the Fidelius context only, so it may be null for server-side encryption
   */
  Outcome<SecretValue> decode(FetchedObject object, SecretScope scope) {
    byte[] plaintext;
    if (encryption == Encryption.SERVER_SIDE) {
      plaintext = object.body();
    } else {
      String what =
          "KMS Decrypt of s3://"
              + bucket
              + "/"
              + object.key()
              + " (version "
              + object.version()
              + ")";
      if (object.body().length == 0) {
        return Outcome.failed(
            ErrorKind.MALFORMED, what + ": the object is empty, not a KMS ciphertext");
      }
      try {
        plaintext =
            kms.decrypt(ciphertextOf(object.body()), fideliusContext ? contextOf(scope) : Map.of());
      } catch (RuntimeException e) {
        return Outcome.failed(S3Errors.ofCall(what, e));
      }
    }
    boolean binary = StrictUtf8.decode(plaintext).isEmpty();
    return Outcome.ok(
        new SecretValue(object.key(), object.version(), plaintext, binary, object.lastModified()));
  }

  /**
   * {@code aws kms encrypt} prints base64; many scripts decode it first. Raw blobs are never all
   * base64.
   */
  static byte[] ciphertextOf(byte[] body) {
    String text = new String(body, java.nio.charset.StandardCharsets.ISO_8859_1).strip();
    if (!text.isEmpty()
        && text.length() % 4 == 0
        && text.chars().allMatch(ObjectDecoder::isBase64Char)) {
      try {
        return Base64.getDecoder().decode(text);
      } catch (IllegalArgumentException notBase64) {
        return body;
      }
    }
    return body;
  }

  private static boolean isBase64Char(int c) {
    return (c >= 'A' && c <= 'Z')
        || (c >= 'a' && c <= 'z')
        || (c >= '0' && c <= '9')
        || c == '+'
        || c == '/'
        || c == '=';
  }

  static Map<String, String> contextOf(SecretScope scope) {
    return EnvelopeContext.of(scope);
  }
}
