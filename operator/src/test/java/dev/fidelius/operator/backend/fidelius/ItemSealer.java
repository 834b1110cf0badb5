package dev.fidelius.operator.backend.fidelius;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Builds genuine Fidelius items for unit tests, encrypted under fake-wrapped data keys. */
final class ItemSealer {

  private static final SecureRandom RANDOM = new SecureRandom();

  private final FakeDataKeys dataKeys;

  ItemSealer(FakeDataKeys dataKeys) {
    this.dataKeys = dataKeys;
  }

  Map<String, AttributeValue> seal(
      FideliusName name, long version, String value, Instant updatedOn) {
    byte[] dataKeyBytes = new byte[DataKey.BYTES];
    RANDOM.nextBytes(dataKeyBytes);
    try (DataKey key = new DataKey(dataKeyBytes)) {
      byte[] ciphertext = FideliusCrypto.encrypt(key, value.getBytes(StandardCharsets.UTF_8));
      return FideliusItemCodec.encode(
          new FideliusItem(
              name.fullName(),
              new FideliusVersion(version),
              dataKeys.wrap(dataKeyBytes, name.encryptionContext()),
              ciphertext,
              FideliusCrypto.hmac(key, ciphertext),
              "tester",
              updatedOn,
              name.sdlc(),
              name.component()));
    }
  }
}
