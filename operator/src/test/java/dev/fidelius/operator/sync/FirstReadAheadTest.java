package dev.fidelius.operator.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fidelius.operator.api.FideliusSecret;
import dev.fidelius.operator.aws.CredentialsCache;
import dev.fidelius.operator.backend.SecretId;
import dev.fidelius.operator.backend.VersionSelector;
import dev.fidelius.operator.config.OperatorConfig;
import dev.fidelius.operator.store.BackendRegistry;
import dev.fidelius.operator.store.IdentityResolver;
import dev.fidelius.operator.store.ProviderRegistry;
import dev.fidelius.operator.store.ResolvedStore;
import dev.fidelius.operator.sweep.ChangeSweeper;
import dev.fidelius.operator.target.ObservedTarget;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;

/**
 * Reading ahead for resources waiting for their first sync: one backend call for many resources,
 * their syncs then read the versions found (which a value cache serves), and nothing for resources
 * their store's rules refuse.
 */
class FirstReadAheadTest {

  private final FakeBackend backend = new FakeBackend();
  private final FideliusSecretSyncTest.RecordingWriter writer =
      new FideliusSecretSyncTest.RecordingWriter();
  private final ChangeSweeper<String> sweeper =
      new ChangeSweeper<>(k -> {}, k -> {}, Duration.ofMillis(1), Clock.systemUTC(), 1);
  private final SyncValidator validator =
      new SyncValidator(OperatorConfig.defaults(), ProviderRegistry.standard());
  private final IdentityResolver identities = new IdentityResolver((ns, n) -> Optional.empty());
  private final BackendRegistry backends =
      new BackendRegistry(
          ProviderRegistry.standard(),
          new CredentialsCache(null, AnonymousCredentialsProvider.create(), null),
          (store, connection, key) -> backend);
  private final FirstReadAhead readAhead =
      new FirstReadAhead(validator, identities, backends, Clock.systemUTC());
  private final FideliusSecretSync sync =
      new FideliusSecretSync(
          validator,
          identities,
          backends,
          sweeper,
          writer,
          new FideliusSecretSyncTest.RecordingRestarter(),
          readAhead);

  private final SecretId db = SecretId.of("PAYMENTS", null, "dev", "db_password");
  private final SecretId apiKey = SecretId.of("PAYMENTS", null, "dev", "api_key");

  @AfterEach
  void stop() {
    readAhead.close();
    sweeper.close();
  }

  @Test
  void waitingResourcesAreReadInOneCallAndTheirFirstSyncsReadTheVersionsFound() {
    backend.put(db, "one");
    backend.put(apiKey, "key");
    List<SyncRequest> waiting =
        List.of(
            request("a", "u1", FideliusSecretSyncTest.admittingStore(), "db_password"),
            request("b", "u2", FideliusSecretSyncTest.admittingStore(), "db_password", "api_key"));

    sync.readAhead(wanted -> waiting.stream().filter(r -> wanted.test(r.uid())).toList());
    awaitTrue(() -> readAhead.size() == 2, "both versions read ahead");

    assertThat(backend.readCalls).as("one call for both resources").hasValue(1);
    backend.reads.clear();
    for (SyncRequest request : waiting) {
      assertThat(sync.sync(request).ready()).isTrue();
    }
    assertThat(backend.reads)
        .as("the syncs read the versions found ahead (a value cache serves them), never latest")
        .isNotEmpty()
        .allSatisfy(r -> assertThat(r.version()).isInstanceOf(VersionSelector.Exact.class));
  }

  @Test
  void aSweepThatKnowsOnlyTheResourcesSyncedSoFarIsCompletedByWhatWasReadAhead() {
    backend.put(db, "one");
    backend.put(apiKey, "key");
    SyncRequest first = request("a", "u6", FideliusSecretSyncTest.admittingStore(), "db_password");
    SyncReport synced = sync.sync(first);
    sweeper.track("a", synced.interest());
    sweeper.sweepAllNow(); // a snapshot of db_password only, as early in a cold start
    SyncRequest waiting =
        request("b", "u7", FideliusSecretSyncTest.admittingStore(), "db_password", "api_key");
    sync.readAhead(wanted -> List.of(waiting));
    awaitTrue(() -> readAhead.size() == 2, "read ahead");
    backend.reads.clear();

    assertThat(sync.sync(waiting).ready()).isTrue();

    assertThat(backend.reads)
        .as("both keys pinned: one from the sweep, one from what was read ahead")
        .hasSize(2)
        .allSatisfy(r -> assertThat(r.version()).isInstanceOf(VersionSelector.Exact.class));
  }

  @Test
  void aResourceTheStoreRefusesIsNeverReadAhead() {
    backend.put(db, "one");
    List<SyncRequest> waiting =
        List.of(
            request("denied", "u3", FideliusSecretSyncTest.clusterStore(List.of()), "db_password"),
            request("allowed", "u4", FideliusSecretSyncTest.admittingStore(), "db_password"));

    sync.readAhead(wanted -> waiting.stream().filter(r -> wanted.test(r.uid())).toList());
    awaitTrue(() -> readAhead.size() == 1, "the allowed resource read ahead");

    assertThat(backend.reads).singleElement().satisfies(r -> assertThat(r.id()).isEqualTo(db));
    assertThat(backend.readCalls).hasValue(1);
  }

  @Test
  void aSyncAfterTheFirstReadsTheLatestVersionItself() {
    backend.put(db, "one");
    SyncRequest request =
        request("a", "u5", FideliusSecretSyncTest.admittingStore(), "db_password");
    assertThat(sync.sync(request).ready()).isTrue();
    SyncRequest other = request("b", "u6", FideliusSecretSyncTest.admittingStore(), "api_key");
    backend.put(apiKey, "key");
    backend.reads.clear();
    // Listed as waiting although it synced meanwhile (a slow store): skipped, only b is read.
    sync.readAhead(wanted -> List.of(request, other));
    awaitTrue(() -> readAhead.size() == 1, "read ahead for b");
    assertThat(backend.reads).noneMatch(r -> r.id().equals(db));
    backend.put(db, "two");
    backend.reads.clear();

    SyncReport second = sync.sync(request);

    assertThat(second.syncedVersions()).containsEntry("db_password", "2");
    assertThat(backend.reads)
        .singleElement()
        .satisfies(r -> assertThat(r.version()).isEqualTo(VersionSelector.LATEST));
  }

  @Test
  void aFirstSyncWhoseResourceIsBeingReadWaitsForThatRead() throws Exception {
    List<SyncRequest> waiting = manyWaiting(150);
    CountDownLatch release = readAheadHeldAtItsFirstRead(waiting);

    AtomicReference<SyncReport> report = new AtomicReference<>();
    Thread syncing = new Thread(() -> report.set(sync.sync(waiting.get(5))));
    syncing.start();
    awaitTrue(
        () -> syncing.getState() == Thread.State.TIMED_WAITING, "the sync waits for the read");
    release.countDown();
    syncing.join();

    assertThat(report.get().ready()).isTrue();
    assertThat(latestReadsOf(SecretId.of("PAYMENTS", null, "dev", "s5")))
        .as("read once, by the read-ahead, not again by its sync")
        .isEqualTo(1);
  }

  @Test
  void aFirstSyncReadsAlongWithTheOthersWaitingOnItsBackend() throws Exception {
    List<SyncRequest> waiting = manyWaiting(150);
    CountDownLatch release = readAheadHeldAtItsFirstRead(waiting); // the first 100; 50 wait

    assertThat(sync.sync(waiting.get(120)).ready())
        .as("not held up by the read under way for others")
        .isTrue();

    assertThat(backend.reads)
        .as("one read, for itself and the 49 others nobody was reading yet")
        .filteredOn(r -> r.version() instanceof VersionSelector.Latest)
        .extracting(r -> r.id().name())
        .containsExactlyInAnyOrderElementsOf(
            IntStream.range(100, 150).mapToObj(i -> "s" + i).toList());
    release.countDown();
    awaitTrue(() -> readAhead.size() == 150, "all read ahead");
    for (SyncRequest request : List.of(waiting.get(130), waiting.get(7))) {
      assertThat(sync.sync(request).ready()).isTrue();
    }
    assertThat(backend.reads.stream().filter(r -> r.version() instanceof VersionSelector.Latest))
        .as("each secret read once for all 150 first syncs")
        .hasSize(150);
  }

  @Test
  void aFirstSyncDuringTheFirstListingWaitsForItAndReadsAlongWithWhatItFound() throws Exception {
    List<SyncRequest> waiting = manyWaiting(150);
    CountDownLatch listingHeld = new CountDownLatch(1);
    CountDownLatch releaseListing = new CountDownLatch(1);
    sync.readAhead(
        wanted -> {
          listingHeld.countDown();
          try {
            releaseListing.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return waiting.stream().filter(r -> wanted.test(r.uid())).toList();
        });
    listingHeld.await();

    AtomicReference<SyncReport> report = new AtomicReference<>();
    Thread syncing = new Thread(() -> report.set(sync.sync(waiting.get(120))));
    syncing.start();
    awaitTrue(
        () -> syncing.getState() == Thread.State.TIMED_WAITING,
        "the first sync waits for the listing under way");
    releaseListing.countDown();
    syncing.join();
    awaitTrue(() -> readAhead.size() == 150, "all read ahead");

    assertThat(report.get().ready()).isTrue();
    // The sync and the read-ahead's thread claim from the same queue, each a whole chunk at once.
    assertThat(backend.latestReadsPerCall)
        .as("150 resources read in two calls of 100 and 50, none alone")
        .extracting(List::size)
        .containsExactlyInAnyOrder(100, 50);
    assertThat(backend.latestReadsPerCall.stream().flatMap(List::stream))
        .as("each secret read once")
        .doesNotHaveDuplicates()
        .hasSize(150);
  }

  @Test
  void aLoneFirstSyncReadsForItselfAtOnce() {
    backend.put(db, "one");
    SyncRequest lone =
        request("lone", "u9", FideliusSecretSyncTest.admittingStore(), "db_password");
    sync.readAhead(wanted -> List.of(lone));

    assertThat(sync.sync(lone).ready()).isTrue();
  }

  /** Resources r0, r1, ... each with its own secret s0, s1, ... (one version each). */
  private List<SyncRequest> manyWaiting(int n) {
    return IntStream.range(0, n)
        .mapToObj(
            i -> {
              backend.put(SecretId.of("PAYMENTS", null, "dev", "s" + i), "v" + i);
              return request("r" + i, "uid-" + i, FideliusSecretSyncTest.admittingStore(), "s" + i);
            })
        .toList();
  }

  /**
   * Kicks the read-ahead for these waiting resources and returns once its own thread is stopped at
   * its first read (of the first 100), which goes on when the returned latch is counted down.
   */
  private CountDownLatch readAheadHeldAtItsFirstRead(List<SyncRequest> waiting)
      throws InterruptedException {
    CountDownLatch held = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    backend.beforeRead =
        () -> {
          if (Thread.currentThread().getName().equals("fidelius-read-ahead")) {
            held.countDown();
            try {
              release.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
        };
    sync.readAhead(wanted -> waiting.stream().filter(r -> wanted.test(r.uid())).toList());
    held.await();
    return release;
  }

  private long latestReadsOf(SecretId id) {
    synchronized (backend.reads) {
      return backend.reads.stream()
          .filter(r -> r.id().equals(id) && r.version() instanceof VersionSelector.Latest)
          .count();
    }
  }

  private static SyncRequest request(
      String name, String uid, ResolvedStore store, String... secrets) {
    FideliusSecret fsec = FideliusSecretSyncTest.fsec(secrets);
    fsec.getMetadata().setName(name);
    fsec.getMetadata().setUid(uid);
    return new SyncRequest(
        fsec.getMetadata().getNamespace(),
        name,
        uid,
        fsec.getSpec(),
        null,
        Optional.of(store),
        Map.of(),
        new ObservedTarget(null));
  }

  private static void awaitTrue(BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waiting for: " + what).isLessThan(deadline);
      Thread.onSpinWait();
    }
  }
}
