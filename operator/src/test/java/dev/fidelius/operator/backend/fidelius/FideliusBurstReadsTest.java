package dev.fidelius.operator.backend.fidelius;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fidelius.operator.backend.ChangeFeed;
import dev.fidelius.operator.backend.ErrorKind;
import dev.fidelius.operator.backend.FeedState;
import dev.fidelius.operator.backend.Outcome;
import dev.fidelius.operator.backend.SecretId;
import dev.fidelius.operator.backend.SecretRequest;
import dev.fidelius.operator.backend.SecretScope;
import dev.fidelius.operator.backend.SecretValue;
import dev.fidelius.operator.backend.ValueCache;
import dev.fidelius.operator.backend.VersionSelector;
import dev.fidelius.operator.testsupport.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;

/**
 * Reads that come in bursts (a cold start, a rotation read by many FideliusSecrets): pinned
 * versions share BatchGetItem, a burst of latest reads is answered from one scan instead of one
 * Query each, and no announced change is ever answered from an older scan.
 */
class FideliusBurstReadsTest {

  private static final SecretScope APP_DEV = SecretScope.of("app", "dev");
  private static final Instant MONDAY = Instant.parse("2024-01-01T09:00:00Z");

  private final InMemoryFideliusTable table = new InMemoryFideliusTable();
  private final FakeDataKeys kms = new FakeDataKeys();
  private final ItemSealer sealer = new ItemSealer(kms);
  private final FideliusNames names = new FideliusNames(ContextKeys.FIDELIUS_DEFAULTS);
  private final ManualClock clock = new ManualClock();
  private final FideliusReader reader = readerPlanningWith(new VersionLookupPlanner(clock));

  @Test
  void manyPinnedVersionsInOneReadCostOneBatchGetItemAndOneDecryptEach() {
    List<SecretRequest> pinned = new ArrayList<>();
    for (SecretId id : storeMany(30)) {
      pinned.add(new SecretRequest(id, VersionSelector.exact("2")));
    }

    Map<SecretRequest, Outcome<SecretValue>> values = reader.read(pinned);

    assertThat(values.values())
        .allMatch(v -> v.isOk() && v.value().text().equals(Optional.of("two")));
    assertThat(table.calls("items")).isEqualTo(1);
    assertThat(table.calls("item")).isZero();
    assertThat(kms.decrypts()).isEqualTo(30);

    reader.read(pinned);
    assertThat(table.calls("items")).as("versions already read cost nothing").isEqualTo(1);
    assertThat(kms.decrypts()).isEqualTo(30);
  }

  @Test
  void aRefusedBatchGetItemLeavesTheItemsToGetItemAndIsNotTriedAgainAtOnce() {
    table.failBatchesWith(InMemoryFideliusTable.awsError("AccessDeniedException", 400));
    List<SecretRequest> pinned = new ArrayList<>();
    for (SecretId id : storeMany(5)) {
      pinned.add(new SecretRequest(id, VersionSelector.exact("2")));
    }

    assertThat(reader.read(pinned).values()).allMatch(Outcome::isOk);
    assertThat(table.calls("item")).isEqualTo(5);
    reader.read(
        List.of(new SecretRequest(new SecretId(APP_DEV, "s1"), VersionSelector.exact("1"))));

    assertThat(table.calls("items")).as("refused once, then not asked again").isEqualTo(1);
    assertThat(table.calls("item")).isEqualTo(6);
  }

  @Test
  void aThrottledBatchFailsItsReadsRatherThanDoublingTheLoad() {
    table.failBatchesWith(InMemoryFideliusTable.awsError("ThrottlingException", 400));
    List<SecretRequest> pinned = new ArrayList<>();
    for (SecretId id : storeMany(5)) {
      pinned.add(new SecretRequest(id, VersionSelector.exact("2")));
    }

    Map<SecretRequest, Outcome<SecretValue>> values = reader.read(pinned);

    assertThat(values.values())
        .allSatisfy(v -> assertThat(v.error().kind()).isEqualTo(ErrorKind.THROTTLED));
    assertThat(table.calls("item")).isZero();
  }

  @Test
  void aBurstOfLatestReadsIsAnsweredFromOneScanInsteadOfOneQueryEach() {
    List<SecretId> ids = storeMany(20);

    for (SecretId id : ids) { // one FideliusSecret after another, as syncs at a cold start
      assertThat(latest(id).value().text()).contains("two");
    }

    assertThat(table.calls("scan")).isEqualTo(1);
    assertThat(table.calls("newestItem")).as("only before the burst was seen").isEqualTo(1);
    assertThat(kms.decrypts()).isEqualTo(20);
  }

  @Test
  void aBulkReadWaitsForASlowScanOnItsWayInsteadOfQueryingEachName() throws Exception {
    List<SecretId> ids = storeMany(2 * ScannedVersions.BULK_READS);
    Map<SecretRequest, Outcome<SecretValue>> second =
        secondBulkReadWaitingForTheFirstsScan(
                ids,
                // The scan takes longer than a lone read would wait for it: a lone read would
                // query.
                () -> Thread.sleep(ScannedVersions.SCAN_WAIT.plusMillis(500).toMillis()))
            .get(1);

    assertThat(second.values())
        .allMatch(v -> v.isOk() && v.value().text().equals(Optional.of("two")));
    assertThat(table.calls("scan")).isEqualTo(1);
    assertThat(table.calls("newestItem")).as("no Query: the scan answered every name").isZero();
  }

  @Test
  void bulkReadsThatPlanAScanTogetherShareOneScanWithoutQueryingAnyName() throws Exception {
    List<SecretId> ids = storeMany(2 * ScannedVersions.BULK_READS);
    // Both readers are held in the planner until both are there, so both decide to scan before
    // either has started: the cold start's read-ahead and first syncs reading along, all at once.
    CountDownLatch planning = new CountDownLatch(2);
    CountDownLatch planned = new CountDownLatch(1);
    VersionLookupPlanner heldPlanner =
        new VersionLookupPlanner(clock) {
          @Override
          OptionalLong scanBudget(int queries) {
            planning.countDown();
            await(planned);
            return super.scanBudget(queries);
          }
        };
    FideliusReader reader = readerPlanningWith(heldPlanner);
    CountDownLatch scanning = new CountDownLatch(1);
    CountDownLatch finish = new CountDownLatch(1);
    table.beforeScan =
        () -> {
          scanning.countDown();
          await(finish);
        };
    int half = ids.size() / 2;
    Map<SecretRequest, Outcome<SecretValue>> first = new ConcurrentHashMap<>();
    Map<SecretRequest, Outcome<SecretValue>> second = new ConcurrentHashMap<>();
    Thread planner = new Thread(() -> first.putAll(reader.read(latestOf(ids.subList(0, half)))));
    Thread follower =
        new Thread(() -> second.putAll(reader.read(latestOf(ids.subList(half, ids.size())))));
    planner.start();
    follower.start();
    planning.await();
    planned.countDown();
    scanning.await();
    // Either may have won the race to start the scan; the other waits for it.
    awaitTrue(
        () ->
            follower.getState() == Thread.State.TIMED_WAITING
                || planner.getState() == Thread.State.TIMED_WAITING,
        "one reader waiting for the other's scan");
    finish.countDown();
    planner.join();
    follower.join();

    assertThat(first.values())
        .allMatch(v -> v.isOk() && v.value().text().equals(Optional.of("two")));
    assertThat(second.values())
        .allMatch(v -> v.isOk() && v.value().text().equals(Optional.of("two")));
    assertThat(table.calls("scan")).isEqualTo(1);
    assertThat(table.calls("newestItem"))
        .as("the reader that lost the race to scan waits for the scan, even for its first name")
        .isZero();
  }

  private FideliusReader readerPlanningWith(VersionLookupPlanner planner) {
    return new FideliusReader(
        table,
        kms,
        FideliusStoreConfig.defaults(Region.US_EAST_1, "unit"),
        new ValueCache(1 << 20),
        planner);
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** A step of a test that may wait. */
  private interface Step {
    void run() throws Exception;
  }

  /**
   * Two bulk reads of the first and second half of the ids: the first starts a scan, held until the
   * second waits for it and {@code whileWaiting} has run; returns both reads' values.
   */
  private List<Map<SecretRequest, Outcome<SecretValue>>> secondBulkReadWaitingForTheFirstsScan(
      List<SecretId> ids, Step whileWaiting) throws Exception {
    CountDownLatch scanning = new CountDownLatch(1);
    CountDownLatch finish = new CountDownLatch(1);
    table.beforeScan =
        () -> {
          scanning.countDown();
          try {
            finish.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        };
    int half = ids.size() / 2;
    Map<SecretRequest, Outcome<SecretValue>> first = new ConcurrentHashMap<>();
    Thread scanner = new Thread(() -> first.putAll(reader.read(latestOf(ids.subList(0, half)))));
    scanner.start();
    scanning.await();
    Map<SecretRequest, Outcome<SecretValue>> second = new ConcurrentHashMap<>();
    Thread waiter =
        new Thread(() -> second.putAll(reader.read(latestOf(ids.subList(half, ids.size())))));
    waiter.start();
    awaitTrue(() -> waiter.getState() == Thread.State.TIMED_WAITING, "waiting for the scan");
    whileWaiting.run();
    finish.countDown();
    scanner.join();
    waiter.join();
    return List.of(first, second);
  }

  private static List<SecretRequest> latestOf(List<SecretId> ids) {
    return ids.stream().map(SecretRequest::latest).toList();
  }

  private static void awaitTrue(java.util.function.BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waiting for: " + what).isLessThan(deadline);
      Thread.onSpinWait();
    }
  }

  @Test
  void onATableLargerThanTheBurstLatestReadsStayStronglyConsistentQueries() {
    List<SecretId> ids = storeMany(20);
    table.takesPagesToScan(1000);

    ids.forEach(this::latest);

    assertThat(table.calls("scan"))
        .as("the second read's scan stopped after one page; the burst then queries")
        .isEqualTo(1);
    assertThat(table.calls("newestItem")).isEqualTo(20);
  }

  @Test
  void whileTheStreamIsLiveOnlyABulkReadScans() {
    List<SecretId> ids = storeMany(ScannedVersions.BULK_READS);
    reader.withChangeFeed(new LiveFeed());

    ids.subList(0, 5).forEach(this::latest); // syncs the stream triggered: a few names each
    assertThat(table.calls("scan")).as("no scan for syncs the stream triggered").isZero();
    assertThat(table.calls("newestItem")).isEqualTo(5);

    // A cold start's read-ahead: the first syncs' secrets, a hundred resources at once.
    var values = reader.read(ids.stream().map(SecretRequest::latest).toList());

    assertThat(values.values())
        .allMatch(v -> v.isOk() && v.value().text().orElse("").contains("two"));
    assertThat(table.calls("scan")).isEqualTo(1);
    assertThat(table.calls("newestItem"))
        .as("every name of the bulk read comes from the one scan")
        .isEqualTo(5);
  }

  @Test
  void aWaveOfResyncsScansEvenWhileTheStreamIsLive() {
    List<SecretId> ids = storeMany(ScannedVersions.BULK_READS + 10);
    reader.withChangeFeed(new LiveFeed());

    ids.forEach(this::latest); // a spec change of many FideliusSecrets: each resyncs, in a second

    assertThat(table.calls("scan")).isOne();
    assertThat(table.calls("newestItem"))
        .as("queried until the wave was large enough to scan for")
        .isEqualTo(ScannedVersions.BULK_READS - 1);
  }

  @Test
  void aBulkReadAcrossManyApplicationsCostsOneScan() {
    List<SecretRequest> requests = new ArrayList<>();
    for (int app = 0; app < 10; app++) {
      SecretScope scope = SecretScope.of("app" + app, "dev");
      for (int i = 0; i < 5; i++) {
        table.put(sealer.seal(names.nameOf(scope, "s" + i), 1, "one", MONDAY));
        requests.add(SecretRequest.latest(new SecretId(scope, "s" + i)));
      }
    }

    var values = reader.read(requests);

    assertThat(values.values()).allMatch(Outcome::isOk);
    assertThat(table.calls("scan")).as("one scan covers every application of the read").isOne();
    assertThat(table.calls("newestItem")).isZero();
  }

  /** The table's stream, live. */
  private static final class LiveFeed implements ChangeFeed {
    @Override
    public Subscription subscribe(ChangeListener listener) {
      return () -> {};
    }

    @Override
    public FeedState state() {
      return new FeedState(true, null, null, Instant.now(), 0);
    }

    @Override
    public Optional<Duration> safetyInterval() {
      return Optional.empty();
    }
  }

  @Test
  void aNameTheStreamAnnouncedIsQueriedNotTakenFromTheScan() {
    List<SecretId> ids = storeMany(5);
    ids.forEach(this::latest);
    assertThat(table.calls("scan")).isEqualTo(1);

    store(ids.get(3).name(), 3, "three");
    reader.noticed(names.nameOf(APP_DEV, ids.get(3).name()).fullName());

    assertThat(latest(ids.get(3)).value().text()).contains("three");
    assertThat(latest(ids.get(4)).value().text())
        .as("other names still come from the scan")
        .contains("two");
  }

  @Test
  void aScanAnswersEachNameOnceAndOnlyWhileFresh() {
    List<SecretId> ids = storeMany(6);
    ids.subList(0, 5).forEach(this::latest);
    // Written after the scan, not announced (no stream):
    store(ids.get(2).name(), 3, "three");
    store(ids.get(5).name(), 3, "three");

    assertThat(latest(ids.get(2)).value().text())
        .as("a name read before is queried again: never older than the earlier read")
        .contains("three");
    assertThat(latest(ids.get(5)).value().text())
        .as("a first read within the scan's freshness: the version the scan saw")
        .contains("two");
    clock.advance(ScannedVersions.FRESH_FOR.plus(Duration.ofMillis(1)));
    assertThat(latest(ids.get(5)).value().text()).contains("three");
  }

  @Test
  void aRotationReadPinnedSinceTheScanIsNeverAnsweredOlderByIt() {
    List<SecretId> ids = storeMany(6);
    ids.subList(0, 5).forEach(this::latest); // a burst: one scan, which saw s5 at version 2
    assertThat(table.calls("scan")).isOne();
    SecretId rotated = ids.get(5);
    store(rotated.name(), 3, "three");

    // Change detection found version 3 and the sync it triggered pinned it.
    assertThat(exactly(rotated, "3").value().text()).contains("three");

    assertThat(latest(rotated).value().text())
        .as("a later latest read (a forced sync) within the scan's freshness is not sent back")
        .contains("three");
    assertThat(table.calls("scan")).isOne();
  }

  @Test
  void aVersionReadWhileTheScanWasOnItsWayIsNeverAnsweredOlderByIt() {
    List<SecretId> ids = storeMany(6);
    SecretId rotated = ids.get(5);
    // The scan has read the table; before its answer arrives, a rotation is written and read.
    table.afterScan =
        () -> {
          table.afterScan = () -> {};
          store(rotated.name(), 3, "three");
          assertThat(exactly(rotated, "3").value().text()).contains("three");
        };
    ids.subList(0, 5).forEach(this::latest);
    assertThat(table.calls("scan")).isOne();

    assertThat(latest(rotated).value().text()).contains("three");
    assertThat(latest(ids.get(4)).value().text())
        .as("names not read since are still answered by the scan")
        .contains("two");
    assertThat(table.calls("scan")).isOne();
  }

  @Test
  void aPinnedReadOfTheVersionTheScanSawStillLetsTheScanAnswer() {
    List<SecretId> ids = storeMany(6);
    ids.subList(0, 5).forEach(this::latest);
    int queries = table.calls("newestItem");

    assertThat(exactly(ids.get(5), "2").value().text()).contains("two");
    assertThat(exactly(ids.get(5), "1").value().text()).contains("one");

    assertThat(latest(ids.get(5)).value().text()).contains("two");
    assertThat(table.calls("newestItem"))
        .as("an older or equal pinned version costs the latest read no Query")
        .isEqualTo(queries);
  }

  @Test
  void aColdStartsBulkReadsShareOneScanForMinutesWhileALoneReadQueries() {
    List<SecretId> ids = storeMany(4 * ScannedVersions.BULK_READS);
    reader.read(latestOf(ids.subList(0, ScannedVersions.BULK_READS)));
    assertThat(table.calls("scan")).isOne();

    // A slow cold start: its later bulk reads come minutes after the scan.
    clock.advance(ScannedVersions.BULK_FRESH_FOR.minus(Duration.ofSeconds(30)));
    var later =
        reader.read(
            latestOf(ids.subList(ScannedVersions.BULK_READS, 3 * ScannedVersions.BULK_READS)));
    SecretId lone = ids.get(3 * ScannedVersions.BULK_READS);
    store(lone.name(), 3, "three");

    assertThat(later.values())
        .allMatch(v -> v.isOk() && v.value().text().equals(Optional.of("two")));
    assertThat(table.calls("scan")).as("no new scan for each later bulk read").isOne();
    assertThat(table.calls("newestItem")).isZero();
    assertThat(latest(lone).value().text())
        .as("a lone read older than FRESH_FOR queries: it sees the version written since")
        .contains("three");

    var rest = reader.read(latestOf(ids.subList(3 * ScannedVersions.BULK_READS, ids.size())));
    assertThat(rest.get(SecretRequest.latest(lone)).value().text())
        .as("a name queried since the scan is never answered older by it")
        .contains("three");
    assertThat(table.calls("newestItem")).as("the queried name only").isEqualTo(2);

    clock.advance(Duration.ofSeconds(31));
    reader.read(latestOf(ids.subList(0, ScannedVersions.BULK_READS)));
    assertThat(table.calls("scan")).as("past BULK_FRESH_FOR a bulk read scans again").isEqualTo(2);
  }

  @Test
  void readsThatWaitedForASlowScanTakeItsAnswerThoughItOutlastedItsFreshness() throws Exception {
    List<SecretId> ids = storeMany(2 * ScannedVersions.BULK_READS);
    var reads =
        secondBulkReadWaitingForTheFirstsScan(
            ids, () -> clock.advance(Duration.ofMinutes(2))); // a large table on a slow server
    Map<SecretRequest, Outcome<SecretValue>> first = reads.get(0);
    Map<SecretRequest, Outcome<SecretValue>> second = reads.get(1);

    assertThat(first.values())
        .allMatch(v -> v.isOk() && v.value().text().equals(Optional.of("two")));
    assertThat(second.values())
        .allMatch(v -> v.isOk() && v.value().text().equals(Optional.of("two")));
    assertThat(table.calls("scan")).isOne();
    assertThat(table.calls("newestItem")).as("no Query, no second scan").isZero();
  }

  @Test
  void aScanThatTookLongerThanBulkReadsMayUseItAnswersNothing() {
    List<SecretId> ids = storeMany(ScannedVersions.BULK_READS);
    table.beforeScan = () -> clock.advance(ScannedVersions.BULK_FRESH_FOR);

    var values = reader.read(latestOf(ids));

    assertThat(values.values())
        .allMatch(v -> v.isOk() && v.value().text().equals(Optional.of("two")));
    assertThat(table.calls("scan")).isOne();
    assertThat(table.calls("newestItem"))
        .as("a change announced at its start may be forgotten by now: every name is queried")
        .isEqualTo(ScannedVersions.BULK_READS);
    assertThat(ScannedVersions.NOTICE_MEMORY).isGreaterThan(ScannedVersions.BULK_FRESH_FOR);
  }

  @Test
  void aNameDeletedAfterTheScanIsQueriedAndFoundMissing() {
    List<SecretId> ids = storeMany(5);
    ids.forEach(this::latest);
    table.delete(names.nameOf(APP_DEV, ids.get(1).name()).fullName());

    Outcome<SecretValue> gone =
        reader
            .read(List.of(SecretRequest.latest(ids.get(1))))
            .get(SecretRequest.latest(ids.get(1)));
    assertThat(gone.isOk()).isFalse();
    assertThat(gone.error().kind()).isEqualTo(ErrorKind.NOT_FOUND);
  }

  @Test
  void aRefusedScanLeavesTheReadsToQueries() {
    List<SecretId> ids = storeMany(10);
    table.failScansWith(InMemoryFideliusTable.awsError("AccessDeniedException", 400));

    ids.forEach(id -> assertThat(latest(id).value().text()).contains("two"));

    assertThat(table.calls("scan")).as("refused once, then not asked again").isEqualTo(1);
    assertThat(table.calls("newestItem")).isEqualTo(10);
  }

  @Test
  void aThrottledScanIsNotTriedAgainByEveryNameOfTheBurst() {
    List<SecretId> ids = storeMany(ScannedVersions.BULK_READS);
    table.failScansWith(InMemoryFideliusTable.awsError("ThrottlingException", 400));

    var values = reader.read(latestOf(ids));

    assertThat(values.values())
        .allMatch(v -> v.isOk() && v.value().text().equals(Optional.of("two")));
    assertThat(table.calls("scan")).as("one scan of the whole table, not one per name").isOne();
    assertThat(table.calls("newestItem")).isEqualTo(ScannedVersions.BULK_READS);
  }

  private Outcome<SecretValue> exactly(SecretId id, String version) {
    SecretRequest request = new SecretRequest(id, VersionSelector.exact(version));
    return reader.read(List.of(request)).get(request);
  }

  private Outcome<SecretValue> latest(SecretId id) {
    SecretRequest request = SecretRequest.latest(id);
    return reader.read(List.of(request)).get(request);
  }

  private List<SecretId> storeMany(int count) {
    List<SecretId> ids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      SecretId id = new SecretId(APP_DEV, "s" + i);
      store(id.name(), 1, "one");
      store(id.name(), 2, "two");
      ids.add(id);
    }
    return ids;
  }

  private void store(String shortName, long version, String value) {
    table.put(sealer.seal(names.nameOf(APP_DEV, shortName), version, value, MONDAY));
  }
}
