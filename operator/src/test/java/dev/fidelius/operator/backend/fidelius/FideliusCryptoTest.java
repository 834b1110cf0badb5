package dev.fidelius.operator.backend.fidelius;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The cipher suite against the test vectors of fidelius-format.md. */
class FideliusCryptoTest {

  @Test
  void vector1AesCtrStartsFromCounterOneAndHmacIsSha256() {
    try (DataKey zeros = new DataKey(new byte[64])) {
      assertThat(Base64.getEncoder().encodeToString(FideliusCrypto.encrypt(zeros, new byte[4])))
          .isEqualTo("Uw+K+w==");
      assertThat(HexFormat.of().formatHex(FideliusCrypto.hmac(zeros, new byte[4])))
          .isEqualTo("aa7855e13839dd767cd5da7c1ff5036540c9264b7a803029315e55375287b4af");
    }
  }

  @Test
  void vector2EncryptsAndMacsWithTheTwoHalvesOfTheDataKey() {
    try (DataKey key = new DataKey(vector2DataKey())) {
      byte[] ciphertext =
          FideliusCrypto.encrypt(key, "s3cr3t-Pässwörd".getBytes(StandardCharsets.UTF_8));

      assertThat(Base64.getEncoder().encodeToString(ciphertext))
          .isEqualTo("g24V3HnNsrVlUuhCPwGAT2o=");
      assertThat(HexFormat.of().formatHex(FideliusCrypto.hmac(key, ciphertext)))
          .isEqualTo("26a57993adbd7f38d55a104b25d011b39e8bbc96e0702db43dc20667533b71b0");
      assertThat(new String(FideliusCrypto.decrypt(key, ciphertext), StandardCharsets.UTF_8))
          .isEqualTo("s3cr3t-Pässwörd");
    }
  }

  @Test
  void aFlippedCiphertextBitOrMacBitFailsVerification() {
    try (DataKey key = new DataKey(vector2DataKey())) {
      byte[] ciphertext = Base64.getDecoder().decode("g24V3HnNsrVlUuhCPwGAT2o=");
      byte[] mac =
          HexFormat.of()
              .parseHex("26a57993adbd7f38d55a104b25d011b39e8bbc96e0702db43dc20667533b71b0");
      assertThat(FideliusCrypto.hmacMatches(key, ciphertext, mac)).isTrue();

      byte[] tamperedCiphertext = ciphertext.clone();
      tamperedCiphertext[3] ^= 0x01;
      byte[] tamperedMac = mac.clone();
      tamperedMac[31] ^= (byte) 0x80;

      assertThat(FideliusCrypto.hmacMatches(key, tamperedCiphertext, mac)).isFalse();
      assertThat(FideliusCrypto.hmacMatches(key, ciphertext, tamperedMac)).isFalse();
      assertThat(FideliusCrypto.hmacMatches(key, ciphertext, new byte[0])).isFalse();
    }
  }

  @Test
  void anEmptyValueEncryptsToNothing() {
    try (DataKey key = new DataKey(vector2DataKey())) {
      assertThat(FideliusCrypto.encrypt(key, new byte[0])).isEmpty();
      assertThat(FideliusCrypto.decrypt(key, new byte[0])).isEmpty();
    }
  }

  @Test
  void aDataKeyIsSixtyFourBytesAndHidesThemInToString() {
    assertThatThrownBy(() -> new DataKey(new byte[32]))
        .isInstanceOf(IllegalArgumentException.class);
    try (DataKey key = new DataKey(vector2DataKey())) {
      assertThat(key.toString()).doesNotContain("0").contains("redacted");
    }
  }

  static byte[] vector2DataKey() {
    byte[] key = new byte[64];
    for (int i = 0; i < key.length; i++) {
      key[i] = (byte) i;
    }
    return key;
  }
}
