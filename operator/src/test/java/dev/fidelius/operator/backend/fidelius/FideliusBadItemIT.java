package dev.fidelius.operator.backend.fidelius;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fidelius.operator.backend.ErrorKind;
import dev.fidelius.operator.backend.Outcome;
import dev.fidelius.operator.backend.SecretId;
import dev.fidelius.operator.backend.SecretRequest;
import dev.fidelius.operator.backend.SecretScope;
import dev.fidelius.operator.backend.SecretValue;
import dev.fidelius.operator.testsupport.MotoServer;
import dev.fidelius.operator.testsupport.TestServers;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * Malformed and tampered items, stored in moto's DynamoDB and read through moto's KMS: each gives
 * its typed error, names the secret and version, and never shows the value, the ciphertext or the
 * hmac.
 */
@ExtendWith(TestServers.class)
class FideliusBadItemIT {

  private static final String PLAINTEXT = "bad-item-plaintext-" + UUID.randomUUID();
  private static final String APP = "bad" + UUID.randomUUID().toString().substring(0, 8);
  private static final SecretScope DEV = SecretScope.of(APP, "dev");
  private static final SecretScope PROD = SecretScope.of(APP, "prod");
  private static final String A = APP.toUpperCase();

  private static MotoServer moto;
  private static FideliusTestStore store;
  private static FideliusReader reader;
  private static Map<String, AttributeValue> genuine;
  private static Map<String, AttributeValue> otherVersion;
  private static Map<String, AttributeValue> otherSecret;

  @BeforeAll
  static void writeGenuineItems(MotoServer server) {
    moto = server;
    store = FideliusTestStore.create(moto, "baditems");
    reader = store.reader();
    store.write(new SecretId(DEV, "original"), PLAINTEXT);
    store.write(new SecretId(DEV, "original"), PLAINTEXT + "-second");
    store.write(new SecretId(DEV, "neighbour"), "another value");
    genuine = store.rawItem(A + ".dev.original", "0000000000000000001");
    otherVersion = store.rawItem(A + ".dev.original", "0000000000000000002");
    otherSecret = store.rawItem(A + ".dev.neighbour", "0000000000000000001");
  }

  @AfterAll
  static void stopStore() {
    store.close();
  }

  static Stream<Arguments> badItems() {
    return Stream.of(
        bad(
            "flipped ciphertext bit",
            ErrorKind.INTEGRITY_ERROR,
            "HMAC",
            DEV,
            i -> with(i, "contents", s(b64(flipBit(bytes(i, "contents"), 5))))),
        bad(
            "flipped hmac digit",
            ErrorKind.INTEGRITY_ERROR,
            "HMAC",
            DEV,
            i -> with(i, "hmac", s(flipHexDigit(i.get("hmac").s())))),
        bad(
            "contents of another version",
            ErrorKind.INTEGRITY_ERROR,
            "HMAC",
            DEV,
            i -> with(i, "contents", otherVersion.get("contents"))),
        bad(
            "data key of another secret in the same context",
            ErrorKind.INTEGRITY_ERROR,
            "HMAC",
            DEV,
            i -> with(i, "key", otherSecret.get("key"))),
        bad(
            "contents emptied",
            ErrorKind.INTEGRITY_ERROR,
            "HMAC",
            DEV,
            i -> with(i, "contents", s(""))),
        bad(
            "moved to another SDLC (wrong encryption context)",
            ErrorKind.DECRYPT_FAILED,
            "encryption context",
            PROD,
            i -> i),
        bad(
            "flipped bit in the KMS key blob",
            ErrorKind.DECRYPT_FAILED,
            "InvalidCiphertextException",
            DEV,
            i -> with(i, "key", s(b64(flipBit(bytes(i, "key"), 700))))),
        bad(
            "data key under another account's KMS key",
            ErrorKind.ACCESS_DENIED,
            "AccessDeniedException",
            DEV,
            i -> with(i, "key", s(b64(foreignAccountDataKey())))),
        bad(
            "32-byte data key",
            ErrorKind.MALFORMED,
            "data key is 32 bytes",
            DEV,
            i ->
                with(
                    i,
                    "key",
                    s(
                        b64(
                            store
                                .kms()
                                .encrypt(
                                    b ->
                                        b.keyId(store.keyId())
                                            .plaintext(SdkBytes.fromByteArray(new byte[32]))
                                            .encryptionContext(
                                                Map.of("Application", A, "SDLC", "dev")))
                                .ciphertextBlob()
                                .asByteArray())))),
        bad(
            "truncated key blob",
            ErrorKind.MALFORMED,
            "too short",
            DEV,
            i -> with(i, "key", s(b64(Arrays.copyOf(bytes(i, "key"), 40))))),
        bad(
            "hmac of 62 characters",
            ErrorKind.MALFORMED,
            "62 characters",
            DEV,
            i -> with(i, "hmac", s(i.get("hmac").s().substring(2)))),
        bad(
            "hmac not hex",
            ErrorKind.MALFORMED,
            "not hexadecimal",
            DEV,
            i -> with(i, "hmac", s("g" + i.get("hmac").s().substring(1)))),
        bad(
            "hmac as a number",
            ErrorKind.MALFORMED,
            "type N",
            DEV,
            i -> with(i, "hmac", AttributeValue.fromN("42"))),
        bad("no contents", ErrorKind.MALFORMED, "no contents", DEV, i -> without(i, "contents")),
        bad("no key", ErrorKind.MALFORMED, "no key", DEV, i -> without(i, "key")),
        bad("no hmac", ErrorKind.MALFORMED, "no hmac", DEV, i -> without(i, "hmac")),
        bad(
            "contents as a number",
            ErrorKind.MALFORMED,
            "type N",
            DEV,
            i -> with(i, "contents", AttributeValue.fromN("1234"))),
        bad(
            "contents as binary",
            ErrorKind.MALFORMED,
            "type B",
            DEV,
            i ->
                with(
                    i,
                    "contents",
                    AttributeValue.fromB(SdkBytes.fromByteArray(bytes(i, "contents"))))),
        bad(
            "key as binary",
            ErrorKind.MALFORMED,
            "type B",
            DEV,
            i -> with(i, "key", AttributeValue.fromB(SdkBytes.fromByteArray(bytes(i, "key"))))),
        bad(
            "contents not base64",
            ErrorKind.MALFORMED,
            "not standard base64",
            DEV,
            i -> with(i, "contents", s("%%" + i.get("contents").s()))),
        bad(
            "key with MIME line breaks",
            ErrorKind.MALFORMED,
            "not standard base64",
            DEV,
            i -> with(i, "key", s(Base64.getMimeEncoder().encodeToString(bytes(i, "key"))))),
        bad(
            "digest SHA512",
            ErrorKind.UNSUPPORTED,
            "SHA512",
            DEV,
            i -> with(i, "digest", s("SHA512"))),
        bad(
            "digest as a number",
            ErrorKind.MALFORMED,
            "digest",
            DEV,
            i -> with(i, "digest", AttributeValue.fromN("256"))),
        bad(
            "version of 4 digits",
            ErrorKind.MALFORMED,
            "19-digit",
            DEV,
            i -> with(i, "version", s("0042"))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badItems")
  void aBadItemGivesItsTypedErrorAndNeverItsValue(
      String label,
      ErrorKind kind,
      String cause,
      SecretScope scope,
      UnaryOperator<Map<String, AttributeValue>> damage) {
    String shortName = "case-" + label.replaceAll("[^a-zA-Z0-9]+", "-");
    Map<String, AttributeValue> item = damage.apply(new HashMap<>(genuine));
    item.put(
        "name",
        s(FideliusNames.upperAscii(scope.application()) + "." + scope.sdlc() + "." + shortName));
    store.putRaw(item);

    Outcome<SecretValue> read = read(SecretRequest.latest(new SecretId(scope, shortName)));

    assertThat(read.isOk()).as(label).isFalse();
    assertThat(read.error().kind()).as("%s: %s", label, read.error()).isEqualTo(kind);
    assertThat(read.error().message())
        .as(label)
        .contains(shortName)
        .contains(cause)
        .doesNotContain(PLAINTEXT)
        .doesNotContain(genuine.get("contents").s())
        .doesNotContain(genuine.get("hmac").s())
        .doesNotContain(genuine.get("key").s().substring(0, 24));
    assertThat(read.toString()).doesNotContain(PLAINTEXT);
  }

  @Test
  void aBadNewestVersionIsReportedRatherThanSilentlyServingAnOlderOne() {
    Map<String, AttributeValue> broken = new HashMap<>(otherVersion);
    broken.put("hmac", s(flipHexDigit(otherVersion.get("hmac").s())));
    broken.put("name", s(A + ".dev.newest-broken"));
    Map<String, AttributeValue> fine = new HashMap<>(genuine);
    fine.put("name", s(A + ".dev.newest-broken"));
    store.putRaw(fine);
    store.putRaw(broken);

    Outcome<SecretValue> read = read(SecretRequest.latest(new SecretId(DEV, "newest-broken")));

    assertThat(read.error().kind()).isEqualTo(ErrorKind.INTEGRITY_ERROR);
    assertThat(read.error().message()).contains("newest-broken v2");
  }

  @Test
  void anHmacStoredAsBinaryHexInEitherCaseIsAccepted() {
    for (String hex : List.of(genuine.get("hmac").s(), genuine.get("hmac").s().toUpperCase())) {
      String shortName = "binary-hmac-" + (hex.equals(hex.toLowerCase()) ? "lower" : "upper");
      Map<String, AttributeValue> item = new HashMap<>(genuine);
      item.put("name", s(A + ".dev." + shortName));
      item.put("hmac", AttributeValue.fromB(SdkBytes.fromString(hex, StandardCharsets.US_ASCII)));
      store.putRaw(item);

      assertThat(read(SecretRequest.latest(new SecretId(DEV, shortName))).value().text())
          .contains(PLAINTEXT);
    }
  }

  @Test
  void metadataRecordsAreNeverSecrets() {
    store.putRaw(
        Map.of(
            "name",
            s("META#" + A + ".dev.original"),
            "version",
            s("0000000000000000001"),
            "sourceType",
            s("Vault"),
            "source",
            s("somewhere")));

    Outcome<SecretValue> asSecret =
        read(SecretRequest.latest(new SecretId(SecretScope.of("META#" + APP, "dev"), "original")));

    assertThat(asSecret.error().kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
    assertThat(reader.list(DEV).value())
        .extracting(l -> l.resolvedName())
        .noneMatch(n -> n.startsWith("META#"));
  }

  private static Outcome<SecretValue> read(SecretRequest request) {
    return reader.read(List.of(request)).get(request);
  }

  /** A data key generated in account 222222222222, which the reading account may not use. */
  private static byte[] foreignAccountDataKey() {
    var credentials =
        store
            .clients()
            .sts(moto.endpoint())
            .assumeRole(
                b ->
                    b.roleArn("arn:aws:iam::222222222222:role/other-team")
                        .roleSessionName("bad-items"))
            .credentials();
    KmsClient foreign =
        store
            .clients()
            .factory()
            .kms(
                MotoServer.REGION,
                StaticCredentialsProvider.create(
                    AwsSessionCredentials.create(
                        credentials.accessKeyId(),
                        credentials.secretAccessKey(),
                        credentials.sessionToken())),
                Optional.of(moto.endpoint()));
    String foreignKey = foreign.createKey().keyMetadata().keyId();
    return foreign
        .generateDataKey(
            b ->
                b.keyId(foreignKey)
                    .numberOfBytes(64)
                    .encryptionContext(Map.of("Application", A, "SDLC", "dev")))
        .ciphertextBlob()
        .asByteArray();
  }

  private static Arguments bad(
      String label,
      ErrorKind kind,
      String cause,
      SecretScope scope,
      UnaryOperator<Map<String, AttributeValue>> damage) {
    return Arguments.of(label, kind, cause, scope, damage);
  }

  private static Map<String, AttributeValue> with(
      Map<String, AttributeValue> item, String attribute, AttributeValue v) {
    item.put(attribute, v);
    return item;
  }

  private static Map<String, AttributeValue> without(
      Map<String, AttributeValue> item, String attribute) {
    item.remove(attribute);
    return item;
  }

  private static AttributeValue s(String value) {
    return AttributeValue.fromS(value);
  }

  private static byte[] bytes(Map<String, AttributeValue> item, String attribute) {
    return Base64.getDecoder().decode(item.get(attribute).s());
  }

  private static String b64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }

  private static byte[] flipBit(byte[] bytes, int bit) {
    byte[] copy = bytes.clone();
    int at = Math.min(bit / 8, copy.length - 1);
    copy[at] ^= (byte) (1 << (bit % 8));
    return copy;
  }

  private static String flipHexDigit(String hex) {
    char last = hex.charAt(hex.length() - 1);
    return hex.substring(0, hex.length() - 1) + (last == '0' ? '1' : '0');
  }
}
