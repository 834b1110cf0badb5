package dev.fidelius.writer.fidelius;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fidelius.operator.backend.ErrorKind;
import dev.fidelius.operator.backend.Outcome;
import dev.fidelius.operator.backend.SecretId;
import dev.fidelius.operator.backend.SecretRequest;
import dev.fidelius.operator.backend.SecretScope;
import dev.fidelius.operator.backend.SecretValue;
import dev.fidelius.operator.backend.VersionSelector;
import dev.fidelius.operator.backend.fidelius.FideliusNames;
import dev.fidelius.operator.backend.fidelius.FideliusReader;
import dev.fidelius.operator.backend.fidelius.FideliusStoreConfig;
import dev.fidelius.operator.backend.fidelius.FideliusTestStore;
import dev.fidelius.operator.testsupport.FideliusSdk;
import dev.fidelius.operator.testsupport.MotoServer;
import dev.fidelius.operator.testsupport.TestServers;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Byte compatibility with FINRA's Fidelius SDK 2.0.0 (AWS SDK v1) on the same table and KMS key in
 * moto: what the SDK writes the operator's reader and this module's history return exactly, and
 * what this writer writes the SDK returns exactly. The key has the alias {@code alias/credstash},
 * so both sides use their default key.
 *
 * <p>The SDK encodes and decodes values with the JVM's default charset; these tests run where that
 * is UTF-8 (the Java 18+ default, and this build's platform encoding).
 */
@ExtendWith(TestServers.class)
class FideliusSdkInteropIT {

  private static final String[] VALUES = {
    "s3cr3t-Pässwörd", "", "🔑 ключ 鍵 ü", "multi\nline\tvalue", "p@ss=w0rd&x"
  };

  private static MotoServer moto;
  private static FideliusTestStore store;
  private static FideliusReader reader;
  private static FideliusWriter writer;
  private static FideliusSdk sdk;

  @BeforeAll
  static void startStoreAndSdk(MotoServer server) {
    moto = server;
    store =
        FideliusTestStore.createWithAlias(moto, "interop", FideliusStoreConfig.DEFAULT_KMS_KEY_ID);
    reader = store.reader();
    writer = FideliusWriters.on(store);
    sdk = store.sdk();
  }

  @AfterAll
  static void stopStore() {
    store.close();
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2, 3, 4})
  void whatTheSdkWritesWithAComponentTheReaderReturnsExactly(int valueIndex) throws Exception {
    String app = freshApp();
    String value = VALUES[valueIndex];
    sdk.putCredential("db_password", value, app, "Dev", "Backend", store.table(), null);

    SecretValue read =
        latest(new SecretId(new SecretScope(app, "Backend", "Dev"), "db_password")).value();

    assertThat(read.bytes()).isEqualTo(value.getBytes(StandardCharsets.UTF_8));
    assertThat(read.resolvedName())
        .isEqualTo(FideliusNames.upperAscii(app) + ".backend.dev.db_password");
    assertThat(read.version()).isEqualTo("1");
    assertThat(read.updatedOn()).isPresent();
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2, 3, 4})
  void whatTheSdkWritesWithoutAComponentTheReaderReturnsExactly(int valueIndex) throws Exception {
    String app = freshApp();
    String value = VALUES[valueIndex];
    sdk.putCredential(
        "api.key", value, app, "qa", null, store.table(), FideliusStoreConfig.DEFAULT_KMS_KEY_ID);

    SecretValue read = latest(new SecretId(SecretScope.of(app, "QA"), "api.key")).value();

    assertThat(read.bytes()).isEqualTo(value.getBytes(StandardCharsets.UTF_8));
    assertThat(read.resolvedName()).isEqualTo(FideliusNames.upperAscii(app) + ".qa.api.key");
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2, 3, 4})
  void whatTheWriterWritesTheSdkReturnsExactlyWithAndWithoutComponent(int valueIndex)
      throws Exception {
    String app = freshApp();
    String value = VALUES[valueIndex];
    assertThat(
            writer.put(new SecretId(new SecretScope(app, "Backend", "Dev"), "token"), value).isOk())
        .isTrue();
    assertThat(
            writer
                .put(new SecretId(SecretScope.of(app, "Dev"), "shared"), value + "-shared")
                .isOk())
        .isTrue();

    assertThat(sdk.getCredential("token", app, "Dev", "Backend", store.table())).isEqualTo(value);
    assertThat(sdk.getCredential("shared", app, "dev", null, store.table()))
        .isEqualTo(value + "-shared");
  }

  @Test
  void versionNumbersContinueAcrossBothToolsAndBothSeeTheNewest() throws Exception {
    String app = freshApp();
    SecretId id = new SecretId(new SecretScope(app, "web", "prod"), "rotating");
    sdk.putCredential("rotating", "from-sdk-1", app, "prod", "web", store.table(), null);
    assertThat(writer.put(id, "from-operator-2")).isEqualTo(Outcome.ok("2"));
    assertThat(sdk.getCredential("rotating", app, "prod", "web", store.table()))
        .isEqualTo("from-operator-2");

    sdk.putCredential("rotating", "from-sdk-3", app, "prod", "web", store.table(), null);

    assertThat(latest(id).value().version()).isEqualTo("3");
    assertThat(latest(id).value().text()).contains("from-sdk-3");
    SecretRequest first = new SecretRequest(id, VersionSelector.exact("1"));
    assertThat(reader.read(List.of(first)).get(first).value().text()).contains("from-sdk-1");
    assertThat(writer.history(id).value())
        .extracting(VersionHistoryEntry::version)
        .containsExactly("3", "2", "1");
  }

  @Test
  void bothRecordTheSameWriterForTheSameCaller() throws Exception {
    String app = freshApp();
    SecretId id = new SecretId(SecretScope.of(app, "dev"), "audited");
    Outcome<String> caller = UpdatedBy.ofCaller(store.clients().sts(moto.endpoint()));
    sdk.putCredential("audited", "by-sdk", app, "dev", null, store.table(), null);
    FideliusWriter asCaller =
        new FideliusWriter(store.dynamo(), store.kms(), store.config(), caller.value());
    assertThat(asCaller.put(id, "by-operator")).isEqualTo(Outcome.ok("2"));

    List<VersionHistoryEntry> history = writer.history(id).value();

    assertThat(caller.value()).isNotBlank();
    assertThat(history)
        .extracting(VersionHistoryEntry::updatedBy)
        .containsExactly(caller.value(), caller.value());
    assertThat(history).allSatisfy(entry -> assertThat(entry.updatedOn()).isNotNull());
  }

  @Test
  void bothFallBackFromAComponentToTheApplicationAlike() throws Exception {
    String app = freshApp();
    sdk.putCredential("shared", "written-by-sdk", app, "dev", null, store.table(), null);
    assertThat(
            writer
                .put(new SecretId(SecretScope.of(app, "dev"), "ours"), "written-by-operator")
                .isOk())
        .isTrue();

    assertThat(latest(new SecretId(new SecretScope(app, "api", "dev"), "shared")).value().text())
        .contains("written-by-sdk");
    assertThat(sdk.getCredential("ours", app, "dev", "api", store.table()))
        .isEqualTo("written-by-operator");
  }

  @Test
  void deletesOnEitherSideRemoveTheSecretForTheOther() throws Exception {
    String app = freshApp();
    SecretId id = new SecretId(SecretScope.of(app, "dev"), "short-lived");
    sdk.putCredential("short-lived", "a", app, "dev", null, store.table(), null);
    sdk.putCredential("short-lived", "b", app, "dev", null, store.table(), null);

    assertThat(writer.delete(id)).isEqualTo(Outcome.ok(2));
    assertThat(sdk.getCredential("short-lived", app, "dev", null, store.table())).isNull();

    assertThat(writer.put(id, "again")).isEqualTo(Outcome.ok("1"));
    sdk.deleteCredential("short-lived", app, "dev", null, store.table());
    assertThat(latest(id).error().kind()).isEqualTo(ErrorKind.NOT_FOUND);
  }

  private static Outcome<SecretValue> latest(SecretId id) {
    return reader.read(List.of(SecretRequest.latest(id))).get(SecretRequest.latest(id));
  }

  private static String freshApp() {
    return "Sdk" + UUID.randomUUID().toString().substring(0, 8);
  }
}
