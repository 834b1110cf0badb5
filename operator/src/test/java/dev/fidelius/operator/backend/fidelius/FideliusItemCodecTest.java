package dev.fidelius.operator.backend.fidelius;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fidelius.operator.backend.ErrorKind;
import dev.fidelius.operator.backend.Outcome;
import dev.fidelius.operator.backend.SecretScope;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The item format, starting from test vector 2 of fidelius-format.md as the table would hold it,
 * and every way an item can be malformed that can be expressed without a real table (the
 * integration test stores the rest in moto's DynamoDB).
 */
class FideliusItemCodecTest {

  private static final String VECTOR_HMAC =
      "26a57993adbd7f38d55a104b25d011b39e8bbc96e0702db43dc20667533b71b0";
  private static final String VECTOR_VALUE = "s3cr3t-Pässwörd";

  private final FakeDataKeys kms = new FakeDataKeys();
  private final FideliusName vectorName =
      new FideliusNames(ContextKeys.FIDELIUS_DEFAULTS)
          .nameOf(new SecretScope("app", "Backend", "Dev"), "database_password");
  private final byte[] wrappedVectorKey =
      kms.wrap(FideliusCryptoTest.vector2DataKey(), vectorName.encryptionContext());

  @Test
  void vector2ItemDecodesAndDecryptsToItsValue() {
    Outcome<FideliusItem> item = FideliusItemCodec.decode(vectorItem());

    assertThat(item.isOk()).as("%s", item).isTrue();
    assertThat(item.value().fullName()).isEqualTo("APP.backend.dev.database_password");
    assertThat(item.value().version().id()).isEqualTo("1");
    assertThat(item.value().updatedOn()).isEqualTo(Instant.parse("2023-10-19T14:55:41.123456Z"));
    assertThat(item.value().component()).isEqualTo("backend");

    Outcome<byte[]> plaintext =
        new ItemDecryptor(kms).plaintextOf(item.value(), vectorName.encryptionContext());
    assertThat(new String(plaintext.value(), StandardCharsets.UTF_8)).isEqualTo(VECTOR_VALUE);
  }

  @Test
  void anHmacStoredAsBytesOrInUpperCaseIsTheSameHmac() {
    for (AttributeValue hmac :
        new AttributeValue[] {
          AttributeValue.fromB(SdkBytes.fromString(VECTOR_HMAC, StandardCharsets.US_ASCII)),
          AttributeValue.fromS(VECTOR_HMAC.toUpperCase()),
          AttributeValue.fromB(
              SdkBytes.fromString(VECTOR_HMAC.toUpperCase(), StandardCharsets.US_ASCII))
        }) {
      Map<String, AttributeValue> item = vectorItem();
      item.put("hmac", hmac);

      Outcome<byte[]> plaintext =
          new ItemDecryptor(kms)
              .plaintextOf(FideliusItemCodec.decode(item).value(), vectorName.encryptionContext());

      assertThat(new String(plaintext.value(), StandardCharsets.UTF_8))
          .as("hmac %s", hmac)
          .isEqualTo(VECTOR_VALUE);
    }
  }

  @Test
  void aTamperedCiphertextIsAnIntegrityErrorAndYieldsNoValue() {
    Map<String, AttributeValue> item = vectorItem();
    byte[] ciphertext = Base64.getDecoder().decode("g24V3HnNsrVlUuhCPwGAT2o=");
    ciphertext[0] ^= 0x20;
    item.put("contents", AttributeValue.fromS(Base64.getEncoder().encodeToString(ciphertext)));

    Outcome<byte[]> plaintext =
        new ItemDecryptor(kms)
            .plaintextOf(FideliusItemCodec.decode(item).value(), vectorName.encryptionContext());

    assertThat(plaintext.error().kind()).isEqualTo(ErrorKind.INTEGRITY_ERROR);
    assertThat(plaintext.error().message())
        .contains("APP.backend.dev.database_password v1")
        .doesNotContain(VECTOR_VALUE);
  }

  static Stream<Arguments> badItems() {
    String longKey = Base64.getEncoder().encodeToString(new byte[100]);
    return Stream.of(
        bad("no contents", ErrorKind.MALFORMED, "contents", i -> i.remove("contents")),
        bad("no key", ErrorKind.MALFORMED, "key", i -> i.remove("key")),
        bad("no hmac", ErrorKind.MALFORMED, "hmac", i -> i.remove("hmac")),
        bad("no version", ErrorKind.MALFORMED, "version", i -> i.remove("version")),
        bad(
            "contents as a number",
            ErrorKind.MALFORMED,
            "type N",
            i -> i.put("contents", AttributeValue.fromN("12345"))),
        bad(
            "contents as bytes",
            ErrorKind.MALFORMED,
            "type B",
            i ->
                i.put(
                    "contents",
                    AttributeValue.fromB(SdkBytes.fromUtf8String("g24V3HnNsrVlUuhCPwGAT2o=")))),
        bad(
            "key as a list",
            ErrorKind.MALFORMED,
            "type L",
            i -> i.put("key", AttributeValue.fromL(List.of()))),
        bad(
            "hmac as a number",
            ErrorKind.MALFORMED,
            "type N",
            i -> i.put("hmac", AttributeValue.fromN("1"))),
        bad(
            "hmac too short",
            ErrorKind.MALFORMED,
            "63 characters",
            i -> i.put("hmac", AttributeValue.fromS(VECTOR_HMAC.substring(1)))),
        bad(
            "hmac as raw bytes",
            ErrorKind.MALFORMED,
            "32 characters",
            i -> i.put("hmac", AttributeValue.fromB(SdkBytes.fromByteArray(new byte[32])))),
        bad(
            "hmac not hex",
            ErrorKind.MALFORMED,
            "not hexadecimal",
            i -> i.put("hmac", AttributeValue.fromS("zz" + VECTOR_HMAC.substring(2)))),
        bad(
            "contents not base64",
            ErrorKind.MALFORMED,
            "not standard base64",
            i -> i.put("contents", AttributeValue.fromS("g24V3HnN*rVlUuhCPwGAT2o="))),
        bad(
            "contents url-safe base64",
            ErrorKind.MALFORMED,
            "not standard base64",
            i -> i.put("contents", AttributeValue.fromS("g24V3HnN-rVl_uhCPwGAT2o="))),
        bad(
            "key with line breaks",
            ErrorKind.MALFORMED,
            "not standard base64",
            i ->
                i.put(
                    "key",
                    AttributeValue.fromS(
                        longKey.substring(0, 76) + "\r\n" + longKey.substring(76)))),
        bad(
            "key blob too short",
            ErrorKind.MALFORMED,
            "too short",
            i ->
                i.put(
                    "key", AttributeValue.fromS(Base64.getEncoder().encodeToString(new byte[64])))),
        bad(
            "digest SHA512",
            ErrorKind.UNSUPPORTED,
            "SHA512",
            i -> i.put("digest", AttributeValue.fromS("SHA512"))),
        bad(
            "digest as a number",
            ErrorKind.MALFORMED,
            "digest",
            i -> i.put("digest", AttributeValue.fromN("256"))),
        bad(
            "version unpadded",
            ErrorKind.MALFORMED,
            "19-digit",
            i -> i.put("version", AttributeValue.fromS("01"))),
        bad(
            "metadata record",
            ErrorKind.MALFORMED,
            "metadata",
            i -> i.put("name", AttributeValue.fromS("META#APP.backend.dev.database_password"))),
        bad(
            "oversize",
            ErrorKind.MALFORMED,
            "400 KB",
            i ->
                i.put(
                    "comment",
                    AttributeValue.fromS("x".repeat(FideliusItemCodec.MAX_ITEM_BYTES)))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badItems")
  void aBadItemIsATypedErrorThatNamesTheItemAndNeverItsContent(
      String description,
      ErrorKind kind,
      String cause,
      Consumer<Map<String, AttributeValue>> damage) {
    Map<String, AttributeValue> item = vectorItem();
    damage.accept(item);

    Outcome<FideliusItem> decoded = FideliusItemCodec.decode(item);

    assertThat(decoded.isOk()).as(description).isFalse();
    assertThat(decoded.error().kind()).as(description).isEqualTo(kind);
    assertThat(decoded.error().message())
        .as(description)
        .contains("APP.backend.dev.database_password")
        .contains(cause)
        .doesNotContain("g24V3HnN")
        .doesNotContain(VECTOR_HMAC.substring(0, 16));
  }

  @Test
  void aDigestOfSha256InAnyCaseIsFine() {
    Map<String, AttributeValue> item = vectorItem();
    item.put("digest", AttributeValue.fromS("sha256"));
    assertThat(FideliusItemCodec.decode(item).isOk()).isTrue();
  }

  @Test
  void anUnreadableTimestampIsDroppedNotFatal() {
    Map<String, AttributeValue> item = vectorItem();
    item.put("updatedOn", AttributeValue.fromS("yesterday"));
    assertThat(FideliusItemCodec.decode(item).value().updatedOn()).isNull();
    item.put("updatedOn", AttributeValue.fromS("2023-10-19T14:55:41+00:00"));
    assertThat(FideliusItemCodec.decode(item).value().updatedOn())
        .isEqualTo(Instant.parse("2023-10-19T14:55:41Z"));
  }

  @Test
  void encodingWritesWhatFideliusWrites() {
    FideliusItem item = FideliusItemCodec.decode(vectorItem()).value();

    Map<String, AttributeValue> encoded = FideliusItemCodec.encode(item);

    assertThat(encoded.get("hmac").s()).isEqualTo(VECTOR_HMAC);
    assertThat(encoded.get("contents").s()).isEqualTo("g24V3HnNsrVlUuhCPwGAT2o=");
    assertThat(encoded.get("version").s()).isEqualTo("0000000000000000001");
    assertThat(encoded.get("sdlc").s()).isEqualTo("dev");
    assertThat(encoded.get("component").s()).isEqualTo("backend");
    assertThat(encoded.get("updatedOn").s()).isEqualTo("2023-10-19T14:55:41.123456Z");
    assertThat(encoded).doesNotContainKey("digest");
  }

  @Test
  void encodingLeavesOutAMissingComponent() {
    FideliusItem withComponent = FideliusItemCodec.decode(vectorItem()).value();
    FideliusItem without =
        new FideliusItem(
            "APP.dev.database_password",
            withComponent.version(),
            withComponent.wrappedKey(),
            withComponent.ciphertext(),
            withComponent.hmac(),
            "me",
            Instant.EPOCH,
            "dev",
            null);

    assertThat(FideliusItemCodec.encode(without))
        .doesNotContainKey("component")
        .containsKey("sdlc");
  }

  @Test
  void anItemsToStringShowsNoBytes() {
    FideliusItem item = FideliusItemCodec.decode(vectorItem()).value();
    assertThat(item.toString())
        .contains("APP.backend.dev.database_password v1")
        .doesNotContain("[B@");
  }

  private Map<String, AttributeValue> vectorItem() {
    Map<String, AttributeValue> item = new HashMap<>();
    item.put("name", AttributeValue.fromS("APP.backend.dev.database_password"));
    item.put("version", AttributeValue.fromS("0000000000000000001"));
    item.put("key", AttributeValue.fromS(Base64.getEncoder().encodeToString(wrappedVectorKey)));
    item.put("contents", AttributeValue.fromS("g24V3HnNsrVlUuhCPwGAT2o="));
    item.put("hmac", AttributeValue.fromS(VECTOR_HMAC));
    item.put("updatedBy", AttributeValue.fromS("FideliusOps/jane"));
    item.put("updatedOn", AttributeValue.fromS("2023-10-19T14:55:41.123456Z"));
    item.put("sdlc", AttributeValue.fromS("dev"));
    item.put("component", AttributeValue.fromS("backend"));
    return item;
  }

  private static Arguments bad(
      String description,
      ErrorKind kind,
      String cause,
      Consumer<Map<String, AttributeValue>> damage) {
    return Arguments.of(description, kind, cause, damage);
  }
}
