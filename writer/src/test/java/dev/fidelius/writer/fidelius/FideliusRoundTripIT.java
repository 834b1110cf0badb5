package dev.fidelius.writer.fidelius;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fidelius.operator.aws.AwsCallCounter;
import dev.fidelius.operator.backend.ErrorKind;
import dev.fidelius.operator.backend.Outcome;
import dev.fidelius.operator.backend.SecretId;
import dev.fidelius.operator.backend.SecretListing;
import dev.fidelius.operator.backend.SecretRequest;
import dev.fidelius.operator.backend.SecretScope;
import dev.fidelius.operator.backend.SecretValue;
import dev.fidelius.operator.backend.VersionSelector;
import dev.fidelius.operator.backend.fidelius.ContextKeys;
import dev.fidelius.operator.backend.fidelius.FideliusNames;
import dev.fidelius.operator.backend.fidelius.FideliusReader;
import dev.fidelius.operator.backend.fidelius.FideliusStoreConfig;
import dev.fidelius.operator.backend.fidelius.FideliusTestStore;
import dev.fidelius.operator.testsupport.MotoServer;
import dev.fidelius.operator.testsupport.TestServers;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What the writer stores the reader returns, on DynamoDB and KMS in moto. */
@ExtendWith(TestServers.class)
class FideliusRoundTripIT {

  private static FideliusTestStore store;
  private static FideliusReader reader;

  @BeforeAll
  static void startStore(MotoServer moto) {
    store = FideliusTestStore.create(moto, "roundtrip");
    reader = store.reader();
  }

  @AfterAll
  static void stopStore() {
    store.close();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "s3cr3t-Pässwörd",
        "",
        "x",
        "line one\nline two\r\n",
        "🔑 ключ 鍵",
        "{\"user\":\"a\",\"pw\":\"b\"}"
      })
  void everyValueComesBackExactlyWithAndWithoutComponent(String value) {
    for (SecretScope scope :
        List.of(new SecretScope(freshApp(), "Backend", "Dev"), SecretScope.of(freshApp(), "dev"))) {
      SecretId id = new SecretId(scope, "database.password");
      Instant before = Instant.now().minusSeconds(1);
      String version = FideliusWriters.write(store, id, value);

      SecretValue read = read(SecretRequest.latest(id)).value();

      assertThat(read.bytes()).isEqualTo(value.getBytes(StandardCharsets.UTF_8));
      assertThat(read.version()).isEqualTo(version).isEqualTo("1");
      assertThat(read.updatedOn())
          .get()
          .matches(t -> t.isAfter(before) && t.isBefore(Instant.now().plusSeconds(1)));
    }
  }

  @Test
  void theItemHasExactlyTheAttributesFideliusWrites() {
    SecretScope scope = new SecretScope(freshApp(), "Backend", "Dev");
    FideliusWriters.write(store, new SecretId(scope, "db"), "v");

    var item =
        store.rawItem(
            FideliusNames.upperAscii(scope.application()) + ".backend.dev.db",
            "0000000000000000001");

    assertThat(item.keySet())
        .containsExactlyInAnyOrder(
            "name",
            "version",
            "key",
            "contents",
            "hmac",
            "updatedBy",
            "updatedOn",
            "sdlc",
            "component");
    assertThat(item.get("hmac").s()).matches("[0-9a-f]{64}");
    assertThat(item.get("sdlc").s()).isEqualTo("dev");
    assertThat(item.get("component").s()).isEqualTo("backend");
    assertThat(item.get("updatedBy").s()).isEqualTo("FideliusOps/integration-test");
    assertThat(item.get("updatedOn").s())
        .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d{3,6})?Z");
  }

  @Test
  void pinnedVersionsStayReadableAfterRotations() {
    SecretId id = new SecretId(SecretScope.of(freshApp(), "qa"), "api_key");
    for (int i = 1; i <= 4; i++) {
      assertThat(FideliusWriters.write(store, id, "value-" + i)).isEqualTo(String.valueOf(i));
    }

    for (int i = 1; i <= 4; i++) {
      SecretRequest pinned = new SecretRequest(id, VersionSelector.exact(String.valueOf(i)));
      assertThat(read(pinned).value().text()).contains("value-" + i);
    }
    assertThat(read(SecretRequest.latest(id)).value().version()).isEqualTo("4");
    SecretRequest missing = new SecretRequest(id, VersionSelector.exact("9"));
    assertThat(read(missing).error().kind()).isEqualTo(ErrorKind.NOT_FOUND);
    assertThat(read(missing).error().message()).contains(".qa.api_key v9");
  }

  @Test
  void aComponentWithoutItsOwnSecretReadsTheApplicationsSecret() {
    String app = freshApp();
    SecretScope web = new SecretScope(app, "web", "dev");
    FideliusWriters.write(store, new SecretId(SecretScope.of(app, "dev"), "shared"), "app-wide");
    FideliusWriters.write(
        store, new SecretId(SecretScope.of(app, "dev"), "overridden"), "app-wide");
    FideliusWriters.write(store, new SecretId(web, "overridden"), "web-only");

    SecretValue shared = read(SecretRequest.latest(new SecretId(web, "shared"))).value();
    SecretValue overridden = read(SecretRequest.latest(new SecretId(web, "overridden"))).value();

    assertThat(shared.text()).contains("app-wide");
    assertThat(shared.resolvedName()).isEqualTo(FideliusNames.upperAscii(app) + ".dev.shared");
    assertThat(overridden.text()).contains("web-only");
    assertThat(overridden.resolvedName())
        .isEqualTo(FideliusNames.upperAscii(app) + ".web.dev.overridden");
  }

  @Test
  void theFallbackCanBeSwitchedOffAndNeverRunsTheOtherWay() {
    String app = freshApp();
    FideliusWriters.write(store, new SecretId(SecretScope.of(app, "dev"), "shared"), "app-wide");
    FideliusWriters.write(
        store, new SecretId(new SecretScope(app, "web", "dev"), "web-only"), "web");
    FideliusReader strict = store.reader(store.config().withComponentFallback(false));

    Outcome<SecretValue> noFallback =
        strict
            .read(
                List.of(
                    SecretRequest.latest(
                        new SecretId(new SecretScope(app, "web", "dev"), "shared"))))
            .values()
            .iterator()
            .next();
    Outcome<SecretValue> notUpward =
        read(SecretRequest.latest(new SecretId(SecretScope.of(app, "dev"), "web-only")));

    assertThat(noFallback.error().kind()).isEqualTo(ErrorKind.NOT_FOUND);
    assertThat(notUpward.error().kind()).isEqualTo(ErrorKind.NOT_FOUND);
  }

  @Test
  void renamedContextKeysRoundTripAndTheContextIsTheAccessBoundary() {
    FideliusStoreConfig renamed =
        store.config().withContextKeys(new ContextKeys("App", "Env", "Svc"));
    SecretId id = new SecretId(new SecretScope(freshApp(), "web", "dev"), "token");
    assertThat(
            new FideliusWriter(store.dynamo(), store.kms(), renamed, "me")
                .put(id, "renamed-context")
                .isOk())
        .isTrue();

    Outcome<SecretValue> withRenamedKeys =
        store.reader(renamed).read(List.of(SecretRequest.latest(id))).values().iterator().next();
    Outcome<SecretValue> withDefaultKeys =
        store
            .reader(store.config().withComponentFallback(false))
            .read(List.of(SecretRequest.latest(id)))
            .values()
            .iterator()
            .next();

    assertThat(withRenamedKeys.value().text()).contains("renamed-context");
    assertThat(withDefaultKeys.error().kind()).isEqualTo(ErrorKind.DECRYPT_FAILED);
    assertThat(withDefaultKeys.error().message())
        .contains(".web.dev.token v1")
        .contains("encryption context")
        .doesNotContain("renamed-context");
  }

  @Test
  void listingSeparatesApplicationSecretsFromAComponentNamedLikeTheSdlc() {
    String app = freshApp();
    SecretScope appDev = SecretScope.of(app, "dev");
    SecretScope componentDev = new SecretScope(app, "dev", "prod"); // full names APP.dev.prod.*
    FideliusWriters.write(store, new SecretId(appDev, "a"), "1");
    FideliusWriters.write(store, new SecretId(appDev, "a"), "2");
    FideliusWriters.write(store, new SecretId(appDev, "prod.looks-like-component"), "1");
    FideliusWriters.write(store, new SecretId(componentDev, "b"), "1");
    FideliusWriters.write(store, new SecretId(SecretScope.of(app, "qa"), "c"), "1");

    List<SecretListing> dev = reader.list(appDev).value();
    List<SecretListing> component = reader.list(componentDev).value();

    assertThat(dev)
        .extracting(l -> l.id().name() + "@" + l.currentVersion())
        .containsExactly("a@2", "prod.looks-like-component@1");
    assertThat(component).extracting(l -> l.id().name()).containsExactly("b");
    assertThat(reader.list(SecretScope.of(freshApp(), "dev")).value()).isEmpty();
  }

  @Test
  void bothChangeDetectionStrategiesAgreeOnARealTable() {
    String app = freshApp();
    SecretScope scope = new SecretScope(app, "web", "dev");
    FideliusWriters.write(store, new SecretId(SecretScope.of(app, "dev"), "shared"), "x");
    FideliusWriters.write(store, new SecretId(scope, "own"), "x");
    FideliusWriters.write(store, new SecretId(scope, "own"), "y");
    List<SecretId> ids =
        List.of(
            new SecretId(scope, "shared"), new SecretId(scope, "own"), new SecretId(scope, "none"));

    var before = store.counter().snapshot();
    Map<SecretId, Outcome<String>> byScan = reader.currentVersions(ids);
    var scanCalls = store.counter().since(before);
    before = store.counter().snapshot();
    Map<SecretId, Outcome<String>> byQuery = store.queryingReader().currentVersions(ids);
    var queryCalls = store.counter().since(before);

    assertThat(scanCalls.keySet())
        .extracting(Object::toString)
        .contains("dynamodb/Scan")
        .doesNotContain("dynamodb/Query");
    assertThat(queryCalls.keySet()).extracting(Object::toString).containsExactly("dynamodb/Query");
    assertThat(byScan.get(ids.get(0)))
        .isEqualTo(byQuery.get(ids.get(0)))
        .isEqualTo(Outcome.ok("1"));
    assertThat(byScan.get(ids.get(1)))
        .isEqualTo(byQuery.get(ids.get(1)))
        .isEqualTo(Outcome.ok("2"));
    assertThat(byScan.get(ids.get(2)).error().kind())
        .isEqualTo(byQuery.get(ids.get(2)).error().kind())
        .isEqualTo(ErrorKind.NOT_FOUND);
  }

  @Test
  void aMissingTableIsUnavailableNotAConfirmedNotFound() {
    FideliusReader wrongTable =
        store.reader(store.config().withTable("no-such-table-" + UUID.randomUUID()));
    SecretId id = new SecretId(SecretScope.of(freshApp(), "dev"), "db");

    Outcome<SecretValue> read =
        wrongTable.read(List.of(SecretRequest.latest(id))).values().iterator().next();

    assertThat(read.error().kind()).isEqualTo(ErrorKind.UNAVAILABLE);
    assertThat(read.error().message()).contains("does not exist");
  }

  @Test
  void aValueReadOnceIsNeverDecryptedAgain() {
    SecretId id = new SecretId(SecretScope.of(freshApp(), "dev"), "cached");
    FideliusWriters.write(store, id, "once");
    read(SecretRequest.latest(id));

    var before = store.counter().snapshot();
    for (int i = 0; i < 3; i++) {
      read(SecretRequest.latest(id));
      read(new SecretRequest(id, VersionSelector.exact("1")));
    }

    assertThat(store.counter().since(before))
        .doesNotContainKey(new AwsCallCounter.Call("kms", "Decrypt"));
  }

  private static Outcome<SecretValue> read(SecretRequest request) {
    return reader.read(List.of(request)).get(request);
  }

  private static String freshApp() {
    return "rt" + UUID.randomUUID().toString().substring(0, 8);
  }
}
