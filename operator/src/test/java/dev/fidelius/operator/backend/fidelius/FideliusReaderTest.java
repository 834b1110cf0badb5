package dev.fidelius.operator.backend.fidelius;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fidelius.operator.backend.BackendError;
import dev.fidelius.operator.backend.ErrorKind;
import dev.fidelius.operator.backend.Outcome;
import dev.fidelius.operator.backend.SecretId;
import dev.fidelius.operator.backend.SecretListing;
import dev.fidelius.operator.backend.SecretRequest;
import dev.fidelius.operator.backend.SecretScope;
import dev.fidelius.operator.backend.SecretValue;
import dev.fidelius.operator.backend.ValueCache;
import dev.fidelius.operator.backend.VersionSelector;
import dev.fidelius.operator.testsupport.ManualClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Reader behaviour that needs no AWS: caching before KMS, fallback, strategies, listing, errors.
 */
class FideliusReaderTest {

  private static final SecretScope APP_DEV = SecretScope.of("app", "dev");
  private static final SecretScope APP_WEB_DEV = new SecretScope("app", "web", "dev");
  private static final Instant MONDAY = Instant.parse("2024-01-01T09:00:00.123456Z");

  private final InMemoryFideliusTable table = new InMemoryFideliusTable();
  private final FakeDataKeys kms = new FakeDataKeys();
  private final ItemSealer sealer = new ItemSealer(kms);
  private final FideliusNames names = new FideliusNames(ContextKeys.FIDELIUS_DEFAULTS);
  private final FideliusStoreConfig config = FideliusStoreConfig.defaults(Region.US_EAST_1, "unit");
  private final ManualClock clock = new ManualClock();
  private FideliusReader reader =
      new FideliusReader(table, kms, config, new ValueCache(1 << 20), clock);

  @Test
  void theLatestVersionIsReadConsistentlyAndDecryptedOnlyOnce() {
    store(APP_DEV, "db", 1, "old", MONDAY);
    store(APP_DEV, "db", 2, "current", MONDAY);
    table.takesPagesToScan(1000); // two reads never make a scan of a large table worth it
    SecretRequest latest = SecretRequest.latest(new SecretId(APP_DEV, "db"));

    SecretValue first = read(latest).value();
    SecretValue second = read(latest).value();

    assertThat(first.text()).contains("current");
    assertThat(first.version()).isEqualTo("2");
    assertThat(first.resolvedName()).isEqualTo("APP.dev.db");
    assertThat(second.text()).contains("current");
    assertThat(kms.decrypts()).as("KMS calls for an unchanged version").isEqualTo(1);
    assertThat(table.calls("newestItem"))
        .as("the newest version is looked up every time")
        .isEqualTo(2);
  }

  @Test
  void aPinnedVersionAlreadyReadCostsNoCallAtAll() {
    store(APP_DEV, "db", 1, "old", MONDAY);
    store(APP_DEV, "db", 2, "current", MONDAY);
    SecretRequest pinned =
        new SecretRequest(new SecretId(APP_DEV, "db"), VersionSelector.exact("1"));
    assertThat(read(pinned).value().text()).contains("old");
    int callsAfterFirstRead = table.totalCalls();

    assertThat(read(pinned).value().text()).contains("old");
    assertThat(table.totalCalls()).isEqualTo(callsAfterFirstRead);
    assertThat(kms.decrypts()).isEqualTo(1);
  }

  @Test
  void aPaddedPinIsTheSameVersion() {
    store(APP_DEV, "db", 3, "three", MONDAY);
    SecretRequest padded =
        new SecretRequest(
            new SecretId(APP_DEV, "db"), VersionSelector.exact("0000000000000000003"));

    assertThat(read(padded).value().version()).isEqualTo("3");
  }

  @Test
  void aNameDeletedAndCreatedAgainIsNotServedItsOldValueFromTheCache() {
    store(APP_DEV, "db", 1, "before-delete", MONDAY);
    SecretRequest latest = SecretRequest.latest(new SecretId(APP_DEV, "db"));
    assertThat(read(latest).value().text()).contains("before-delete");

    // Fidelius deletes every version; writing the name again starts over at version 1.
    store(APP_DEV, "db", 1, "after-recreate", MONDAY.plusSeconds(60));

    assertThat(read(latest).value().text()).contains("after-recreate");
    assertThat(kms.decrypts()).isEqualTo(2);
  }

  @Test
  void aMissingComponentSecretIsReadFromTheApplicationWithoutComponent() {
    store(APP_DEV, "shared", 4, "app-wide", MONDAY);
    SecretRequest latest = SecretRequest.latest(new SecretId(APP_WEB_DEV, "shared"));

    SecretValue value = read(latest).value();

    assertThat(value.text()).contains("app-wide");
    assertThat(value.resolvedName()).isEqualTo("APP.dev.shared");
    assertThat(reader.currentVersions(List.of(latest.id())))
        .containsEntry(latest.id(), Outcome.ok("4"));
  }

  @Test
  void theComponentsOwnSecretIsPreferred() {
    store(APP_DEV, "shared", 4, "app-wide", MONDAY);
    store(APP_WEB_DEV, "shared", 1, "web-only", MONDAY);

    SecretValue value = read(SecretRequest.latest(new SecretId(APP_WEB_DEV, "shared"))).value();

    assertThat(value.text()).contains("web-only");
    assertThat(value.resolvedName()).isEqualTo("APP.web.dev.shared");
  }

  @Test
  void withoutFallbackAMissingComponentSecretIsNotFound() {
    store(APP_DEV, "shared", 4, "app-wide", MONDAY);
    reader =
        new FideliusReader(
            table, kms, config.withComponentFallback(false), new ValueCache(1 << 20), clock);

    Outcome<SecretValue> read = read(SecretRequest.latest(new SecretId(APP_WEB_DEV, "shared")));

    assertThat(read.error().kind()).isEqualTo(ErrorKind.NOT_FOUND);
    assertThat(read.error().message()).contains("APP.web.dev.shared");
  }

  @Test
  void aThrottledComponentLookupIsReportedNotReplacedByTheApplicationsSecret() {
    store(APP_DEV, "shared", 4, "app-wide", MONDAY);
    table.failReadsOf(
        "APP.web.dev.shared", InMemoryFideliusTable.awsError("ThrottlingException", 400));

    Outcome<SecretValue> read = read(SecretRequest.latest(new SecretId(APP_WEB_DEV, "shared")));

    assertThat(read.error().kind()).isEqualTo(ErrorKind.THROTTLED);
    assertThat(read.error().message()).contains("APP.web.dev.shared");
  }

  @Test
  void aPinnedVersionFallsBackToo() {
    store(APP_DEV, "shared", 2, "app-wide-v2", MONDAY);
    SecretRequest pinned =
        new SecretRequest(new SecretId(APP_WEB_DEV, "shared"), VersionSelector.exact("2"));

    assertThat(read(pinned).value().text()).contains("app-wide-v2");
  }

  @Test
  void aSecretOfAnotherContextCannotBeDecryptedUnderThisOne() {
    // An item copied from APP.prod.db to APP.dev.db keeps a data key bound to the prod context.
    FideliusName prod = names.nameOf(SecretScope.of("app", "prod"), "db");
    Map<String, AttributeValue> copied = new HashMap<>(sealer.seal(prod, 1, "prod-value", MONDAY));
    copied.put("name", AttributeValue.fromS("APP.dev.db"));
    table.put(copied);

    Outcome<SecretValue> read = read(SecretRequest.latest(new SecretId(APP_DEV, "db")));

    assertThat(read.error().kind()).isEqualTo(ErrorKind.DECRYPT_FAILED);
    assertThat(read.error().message()).contains("APP.dev.db v1").doesNotContain("prod-value");
  }

  @Test
  void stagesAndNonNumericVersionsAreInvalidRequestsAndCostNoCall() {
    store(APP_DEV, "db", 1, "v1", MONDAY);
    SecretId id = new SecretId(APP_DEV, "db");

    Outcome<SecretValue> stage = read(new SecretRequest(id, VersionSelector.stage("AWSPREVIOUS")));
    Outcome<SecretValue> word = read(new SecretRequest(id, VersionSelector.exact("latest")));

    assertThat(stage.error().kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
    assertThat(stage.error().message()).contains("AWSPREVIOUS");
    assertThat(word.error().kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
    assertThat(table.totalCalls()).isZero();
  }

  @Test
  void anApplicationNamedLikeMetadataIsRefusedEverywhere() {
    SecretScope metadata = SecretScope.of("meta#app", "dev");
    SecretId id = new SecretId(metadata, "db");

    assertThat(read(SecretRequest.latest(id)).error().kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
    assertThat(reader.currentVersions(List.of(id)).get(id).error().kind())
        .isEqualTo(ErrorKind.INVALID_REQUEST);
    assertThat(reader.list(metadata).error().kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
    assertThat(table.totalCalls()).isZero();
  }

  @Test
  void everyScopeIsListedFromOneScan() {
    SecretScope prod = SecretScope.of("app", "prod");
    store(APP_DEV, "db", 1, "a", MONDAY);
    store(APP_WEB_DEV, "token", 1, "b", MONDAY);
    store(prod, "db", 3, "c", MONDAY);

    var listed = reader.listAll(List.of(APP_DEV, APP_WEB_DEV, prod));

    assertThat(table.calls("scan")).as("one projection scan for three scopes").isEqualTo(1);
    assertThat(listed.get(APP_DEV).value()).extracting(l -> l.id().name()).containsExactly("db");
    assertThat(listed.get(APP_WEB_DEV).value())
        .extracting(l -> l.id().name())
        .containsExactly("token");
    assertThat(listed.get(prod).value())
        .singleElement()
        .satisfies(l -> assertThat(l.currentVersion()).isEqualTo("3"));
  }

  @Test
  void aFailingSecretDoesNotSpoilTheOthersInTheBatch() {
    store(APP_DEV, "good", 1, "fine", MONDAY);
    table.failReadsOf("APP.dev.broken", new IllegalStateException("a bug"));
    SecretRequest good = SecretRequest.latest(new SecretId(APP_DEV, "good"));
    SecretRequest broken = SecretRequest.latest(new SecretId(APP_DEV, "broken"));

    Map<SecretRequest, Outcome<SecretValue>> read = reader.read(List.of(good, broken));

    assertThat(read.get(good).value().text()).contains("fine");
    assertThat(read.get(broken).error().kind()).isEqualTo(ErrorKind.UNAVAILABLE);
    assertThat(read.get(broken).error().message()).contains("APP.dev.broken");
  }

  @Test
  void aKmsRefusalIsTypedAndNamesTheSecret() {
    store(APP_DEV, "db", 7, "hidden", MONDAY);
    kms.refuseWith(
        BackendError.of(
            ErrorKind.ACCESS_DENIED,
            "KMS Decrypt of the data key of APP.dev.db v7 failed: AccessDeniedException (HTTP 400)"));

    Outcome<SecretValue> read = read(SecretRequest.latest(new SecretId(APP_DEV, "db")));

    assertThat(read.error().kind()).isEqualTo(ErrorKind.ACCESS_DENIED);
    assertThat(read.error().message()).contains("APP.dev.db v7").doesNotContain("hidden");
  }

  @Test
  void currentVersionsQueryEachNameWhenTheTableTakesMorePagesThanThat() {
    List<SecretId> ids = storeMany(5);
    table.takesPagesToScan(100);

    Map<SecretId, Outcome<String>> first = reader.currentVersions(ids);
    Map<SecretId, Outcome<String>> second = reader.currentVersions(ids);

    assertThat(first.values()).allMatch(v -> v.equals(Outcome.ok("2")));
    assertThat(second).isEqualTo(first);
    assertThat(table.calls("scan"))
        .as("one scan, stopped after 4 pages; the planner then knows the table is larger")
        .isEqualTo(1);
    assertThat(table.calls("newestVersion")).isEqualTo(10);
    assertThat(kms.decrypts()).isZero();
  }

  @Test
  void currentVersionsScanOnceWhenThatIsCheaper() {
    List<SecretId> ids = storeMany(5);

    Map<SecretId, Outcome<String>> versions = reader.currentVersions(ids);

    assertThat(versions.values()).allMatch(v -> v.equals(Outcome.ok("2")));
    assertThat(table.calls("scan")).isEqualTo(1);
    assertThat(table.calls("newestVersion")).isZero();
    assertThat(kms.decrypts()).isZero();
  }

  @Test
  void bothStrategiesGiveTheSameAnswersIncludingFallbackAndMissingNames() {
    store(APP_DEV, "shared", 3, "x", MONDAY);
    store(APP_WEB_DEV, "own", 5, "x", MONDAY);
    List<SecretId> ids =
        List.of(
            new SecretId(APP_WEB_DEV, "shared"),
            new SecretId(APP_WEB_DEV, "own"),
            new SecretId(APP_DEV, "nowhere"));

    table.takesPagesToScan(100);
    Map<SecretId, Outcome<String>> byQuery = reader.currentVersions(ids);
    table.takesPagesToScan(1);
    reader = new FideliusReader(table, kms, config, new ValueCache(1 << 20), clock);
    Map<SecretId, Outcome<String>> byScan = reader.currentVersions(ids);

    assertThat(table.calls("scan")).as("the first stopped, the second answered").isEqualTo(2);
    assertThat(table.calls("newestVersion"))
        .as("the first reader's queries only, one more for the component fallback")
        .isEqualTo(4);
    assertThat(byScan.get(ids.get(0)))
        .isEqualTo(Outcome.ok("3"))
        .isEqualTo(byQuery.get(ids.get(0)));
    assertThat(byScan.get(ids.get(1)))
        .isEqualTo(Outcome.ok("5"))
        .isEqualTo(byQuery.get(ids.get(1)));
    assertThat(byScan.get(ids.get(2)).error().kind())
        .isEqualTo(byQuery.get(ids.get(2)).error().kind())
        .isEqualTo(ErrorKind.NOT_FOUND);
  }

  @Test
  void aRefusedScanFallsBackToQueriesAndIsNotRetriedAtOnce() {
    List<SecretId> ids = storeMany(5);
    table.failScansWith(InMemoryFideliusTable.awsError("AccessDeniedException", 400));

    Map<SecretId, Outcome<String>> first = reader.currentVersions(ids);
    Map<SecretId, Outcome<String>> second = reader.currentVersions(ids);

    assertThat(first.values()).allMatch(v -> v.equals(Outcome.ok("2")));
    assertThat(second).isEqualTo(first);
    assertThat(table.calls("scan")).isEqualTo(1);
    assertThat(table.calls("newestVersion")).isEqualTo(10);
  }

  @Test
  void aThrottledScanFailsEverySecretRatherThanDoublingTheLoad() {
    List<SecretId> ids = storeMany(5);
    table.failScansWith(InMemoryFideliusTable.awsError("ThrottlingException", 400));

    Map<SecretId, Outcome<String>> versions = reader.currentVersions(ids);

    assertThat(versions.values())
        .allMatch(v -> !v.isOk() && v.error().kind() == ErrorKind.THROTTLED);
    assertThat(versions.get(ids.get(0)).error().message()).contains("APP.dev.s0");
    assertThat(table.calls("newestVersion")).isZero();
  }

  @Test
  void listingAScopeWithoutComponentLeavesOutComponentItemsThatShareThePrefix() {
    store(APP_DEV, "a", 1, "x", MONDAY);
    store(APP_DEV, "dotted.name", 2, "x", MONDAY);
    store(
        new SecretScope("app", "dev", "prod"),
        "b",
        1,
        "x",
        MONDAY); // APP.dev.prod.b: component "dev"
    table.put(credstashItem("APP.dev.c", 0)); // no sdlc/component attributes

    List<SecretListing> listed = reader.list(APP_DEV).value();

    assertThat(listed).extracting(l -> l.id().name()).containsExactly("a", "c", "dotted.name");
    assertThat(listed).extracting(SecretListing::currentVersion).containsExactly("1", "0", "2");
    assertThat(listed).extracting(SecretListing::resolvedName).contains("APP.dev.dotted.name");
  }

  @Test
  void listingAComponentScopeLeavesOutApplicationItemsThatShareThePrefix() {
    SecretScope component = new SecretScope("app", "dev", "prod");
    store(component, "b", 1, "x", MONDAY); // APP.dev.prod.b
    store(APP_DEV, "prod.z", 1, "x", MONDAY); // APP.dev.prod.z, but sdlc dev
    store(new SecretScope("app", "web", "prod"), "w", 1, "x", MONDAY);

    List<SecretListing> listed = reader.list(component).value();

    assertThat(listed).extracting(l -> l.id().name()).containsExactly("b");
    assertThat(listed.get(0).id().scope()).isEqualTo(component);
  }

  private Outcome<SecretValue> read(SecretRequest request) {
    return reader.read(List.of(request)).get(request);
  }

  private void store(
      SecretScope scope, String shortName, long version, String value, Instant updatedOn) {
    table.put(sealer.seal(names.nameOf(scope, shortName), version, value, updatedOn));
  }

  private List<SecretId> storeMany(int count) {
    List<SecretId> ids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      SecretId id = new SecretId(APP_DEV, "s" + i);
      store(APP_DEV, id.name(), 1, "one", MONDAY);
      store(APP_DEV, id.name(), 2, "two", MONDAY);
      ids.add(id);
    }
    return ids;
  }

  /** An item as credstash writes it: no sdlc, component, updatedBy or updatedOn. */
  private Map<String, AttributeValue> credstashItem(String fullName, long version) {
    Map<String, AttributeValue> item =
        new HashMap<>(sealer.seal(names.nameOf(APP_DEV, "unused"), version, "credstash", null));
    item.put("name", AttributeValue.fromS(fullName));
    item.remove("sdlc");
    item.remove("updatedBy");
    return item;
  }
}
