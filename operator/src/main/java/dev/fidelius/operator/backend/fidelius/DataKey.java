package dev.fidelius.operator.backend.fidelius;

import java.util.Arrays;
import javax.crypto.spec.SecretKeySpec;

/**
 * The plaintext of a Fidelius data key: 64 bytes from KMS, of which the first 32 are the AES-256
 * key and the last 32 the HMAC-SHA256 key. Close it as soon as the item is encrypted or decrypted;
 * closing overwrites the bytes this object holds (the JCA key specs copy them and cannot be wiped,
 * which is the best Java offers).
 */
public final class DataKey implements AutoCloseable {

  public static final int BYTES = 64;
  private static final int HALF = BYTES / 2;

  private final byte[] bytes;

  /**
   * @throws IllegalArgumentException when the key is not 64 bytes
   */
  public DataKey(byte[] plaintext) {
    if (plaintext.length != BYTES) {
      throw new IllegalArgumentException(
          "a Fidelius data key has " + BYTES + " bytes, not " + plaintext.length);
    }
    this.bytes = plaintext.clone();
  }

  SecretKeySpec aesKey() {
    return new SecretKeySpec(bytes, 0, HALF, "AES");
  }

  SecretKeySpec hmacKey() {
    return new SecretKeySpec(bytes, HALF, HALF, "HmacSHA256");
  }

  @Override
  public void close() {
    Arrays.fill(bytes, (byte) 0);
  }

  @Override
  public String toString() {
    return "DataKey[<redacted>]";
  }
}
