package dev.fidelius.operator.backend.fidelius;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;

/**
 * The item cipher of Fidelius and credstash ("aes_ctr_legacy"): AES-256 in CTR mode without
 * padding, from the fixed initial counter block 0...01, authenticated by HMAC-SHA256 over the
 * ciphertext (encrypt, then MAC).
 *
 * <p>A fixed counter is only safe because every version is encrypted under a fresh data key from
 * KMS; the writer must never reuse a data key for a different plaintext.
 */
public final class FideliusCrypto {

  /** 15 zero bytes and then 1: the whole 16-byte block is a big-endian counter starting at 1. */
  private static final byte[] INITIAL_COUNTER = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};

  static final int HMAC_BYTES = 32;

  private FideliusCrypto() {}

  public static byte[] encrypt(DataKey key, byte[] plaintext) {
    return aesCtr(Cipher.ENCRYPT_MODE, key, plaintext);
  }

  /**
   * Decrypts; call only after {@link #hmacMatches} said yes, so no unauthenticated plaintext
   * exists.
   */
  static byte[] decrypt(DataKey key, byte[] ciphertext) {
    return aesCtr(Cipher.DECRYPT_MODE, key, ciphertext);
  }

  public static byte[] hmac(DataKey key, byte[] ciphertext) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key.hmacKey());
      return mac.doFinal(ciphertext);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is unavailable in this JVM", e);
    }
  }

  /** Constant-time, so that a forger learns nothing from how long a wrong MAC took to reject. */
  static boolean hmacMatches(DataKey key, byte[] ciphertext, byte[] expectedHmac) {
    return MessageDigest.isEqual(hmac(key, ciphertext), expectedHmac);
  }

  private static byte[] aesCtr(int mode, DataKey key, byte[] input) {
    try {
      Cipher cipher = Cipher.getInstance("AES/CTR/NoPadding");
      cipher.init(mode, key.aesKey(), new IvParameterSpec(INITIAL_COUNTER));
      return cipher.doFinal(input);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES/CTR/NoPadding is unavailable in this JVM", e);
    }
  }
}
