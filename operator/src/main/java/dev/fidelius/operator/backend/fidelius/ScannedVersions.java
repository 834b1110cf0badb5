package dev.fidelius.operator.backend.fidelius;

import dev.fidelius.operator.backend.ErrorKind;
import dev.fidelius.operator.backend.Outcome;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Newest versions from one recent projection scan, for reads of the latest version that come in a
 * burst, as at a cold start, when thousands of FideliusSecrets are read for the first time within
 * seconds. Without it each such read is one strongly consistent Query; with it a burst costs one
 * scan of the table every {@link #FRESH_FOR}, and the reads become reads of exact versions, which
 * share BatchGetItem calls ({@link SecretValueReader}).
 *
 * <p>Only when it is cheaper: a scan starts when the {@link VersionLookupPlanner} expects it to
 * take fewer calls than the latest reads asked in the last {@link #DEMAND_WINDOW}, and it covers
 * only the applications those reads named (a table shared with others is not held in memory).
 *
 * <p>Staleness is bounded and never hides an announced change: a scan answers for {@link
 * #FRESH_FOR} (bulk reads, those of a cold start's read-ahead, for {@link #BULK_FRESH_FOR}) and is
 * eventually consistent, as change detection's own scans are, whose snapshots a first sync may pin
 * to for up to two refresh intervals (a version written meanwhile reaches the Secret through change
 * detection, as it would after a Query a moment earlier); a read that waited for a scan on its way
 * takes that scan's answer however long it took, since it asked while the scan ran; a scan answers
 * each name once: a second read of a name (a refresh, a forced sync, a second FideliusSecret
 * reading it), or a read of a name queried since the scan or read at a newer version than the scan
 * saw (a pinned read of a rotation change detection found), queries, so a read never returns
 * something older than an earlier read; a name the table's stream announced within {@link
 * #NOTICE_MEMORY} (longer than any scan answers) is never answered from a scan, so a sync triggered
 * by that change queries it; a name the scan did not see is queried. Thread-safe; one scan at a
 * time.
 */
final class ScannedVersions {

  static final Duration FRESH_FOR = Duration.ofSeconds(30);

  /**
   * How long a scan answers bulk reads ({@link #BULK_READS} names or more in one call: a cold
   * start's read-ahead, its first syncs reading along). A cold start of thousands of resources on a
   * large table outlasts {@link #FRESH_FOR}, and each bulk read then started a new scan of the
   * whole table: on moto, with 10,000 items, scans of 8 s and more queued one behind another, each
   * answering a few bulk reads. A first sync is allowed this old a version (change detection brings
   * anything newer, see above), and each name is still answered once per scan.
   */
  static final Duration BULK_FRESH_FOR = Duration.ofMinutes(5);

  static final Duration DEMAND_WINDOW = Duration.ofSeconds(1);

  /**
   * How long a name the stream announced is remembered: longer than any scan answers, which is at
   * most {@link #BULK_FRESH_FOR} from its start (a scan that took longer answers nothing), so that
   * no scan ever answers for a name announced after it started.
   */
  static final Duration NOTICE_MEMORY = Duration.ofMinutes(6);

  /**
   * Latest reads in one call, or in one {@link #DEMAND_WINDOW}, from which a scan may answer them
   * even while the table's stream is live: the read-ahead of a cold start asks for a hundred
   * resources' secrets at once, a spec change of many FideliusSecrets resyncs them all, and the
   * stream says what changes, not what exists. Syncs the stream triggered ask for a few names each,
   * and a scan for them only slowed the table down.
   */
  static final int BULK_READS = 50;

  /** The longest a read waits for a scan on its way before it queries instead. */
  static final Duration SCAN_WAIT = Duration.ofSeconds(1);

  /**
   * The longest a bulk read ({@link #BULK_READS} names or more in one call) waits for a scan on its
   * way: querying instead costs a call per name, and on a large or slow table a scan takes longer
   * than {@link #SCAN_WAIT} (a cold start of 5,000 on moto turned every bulk read into a hundred
   * Queries, which slowed the scans further). Half a sync's deadline, so that a first sync reading
   * along still has time to read the items the scan names.
   */
  static final Duration BULK_SCAN_WAIT = Duration.ofSeconds(30);

  /** Announced names remembered; past this many within {@link #NOTICE_MEMORY}, no scan answers. */
  static final int MAX_NOTICED = 10_000;

  private static final Logger LOG = LoggerFactory.getLogger(ScannedVersions.class);

  private final FideliusTable table;
  private final VersionLookupPlanner planner;
  private final Clock clock;
  private final BooleanSupplier scansAllowed;

  // All guarded by this.
  private Map<String, VersionRow> rows = Map.of();
  private Set<String> scannedPrefixes = Set.of();
  private Instant scannedAt;
  private boolean scanning;
  private Instant demandSince;
  private int demand;
  private final Set<String> demandPrefixes = new LinkedHashSet<>();
  private final LinkedHashMap<String, Instant> noticed = new LinkedHashMap<>();
  private Instant noticesOverflowedAt;

  /** Names answered (from the scan or by a Query) since the scan: they are queried from now on. */
  private final Set<String> readSinceScan = new HashSet<>();

  /**
   * Scans that completed and answer reads, so that a reader knows whether the one it awaited did.
   */
  private long scansDone;

  private Instant failedAt;

  private final Set<String> queriedDuringScan = new HashSet<>();

  /**
   * Name -> newest version a read other than the scan's own answer returned while the scan ran: the
   * scan may have seen the name before that version was written.
   */
  private final Map<String, String> readDuringScan = new HashMap<>();

  /**
   * @param scansAllowed false while the table's stream is live: latest reads then come from syncs
   *     the stream triggered, a few names at a time, and the benchmark showed scans for them only
   *     slowing the table down; a bulk of reads ({@link #BULK_READS}) may still scan
   */
  ScannedVersions(
      FideliusTable table,
      VersionLookupPlanner planner,
      Clock clock,
      BooleanSupplier scansAllowed) {
    this.scansAllowed = scansAllowed;
    this.table = table;
    this.planner = planner;
    this.clock = clock;
  }

  /**
   * The stored (padded) newest version of a name, when a fresh scan can tell; empty means: query
   * it. May run the scan itself when the burst of latest reads makes it the cheaper way.
   *
   * @param applicationPrefix the name's application prefix (what the scan filters on)
   * @param readsTogether how many reads the caller asked for in the same call
   */
  Optional<String> newestVersion(String fullName, String applicationPrefix, int readsTogether) {
    Optional<String> version = fromScan(fullName, applicationPrefix, readsTogether);
    if (version.isEmpty()) {
      synchronized (this) {
        queried(fullName);
      }
    }
    return version;
  }

  private Optional<String> fromScan(String fullName, String applicationPrefix, int readsTogether) {
    boolean bulk = readsTogether >= BULK_READS;
    Duration freshFor = bulk ? BULK_FRESH_FOR : FRESH_FOR;
    int demandNow;
    synchronized (this) {
      Instant now = clock.instant();
      forgetExpiredScan(now);
      if (recentlyNoticed(fullName, now)) {
        return Optional.empty(); // a change was announced: the triggered sync must query
      }
      if (fresh(now, freshFor)) {
        if (readSinceScan.contains(fullName)) {
          return Optional.empty(); // read once from this scan already: a re-read is fresh
        }
        if (scannedPrefixes.contains(applicationPrefix)) {
          return answer(fullName);
        }
      }
      demandNow = Math.max(countDemand(applicationPrefix, now), bulk ? readsTogether : 0);
      if (scanning) {
        return afterScanOnItsWay(fullName, applicationPrefix, bulk ? BULK_SCAN_WAIT : SCAN_WAIT);
      }
    }
    if (!(demandNow >= BULK_READS || scansAllowed.getAsBoolean())) {
      return Optional.empty();
    }
    OptionalLong budget = planner.scanBudget(demandNow);
    if (budget.isEmpty()) {
      return Optional.empty();
    }
    long generation;
    Set<String> prefixes;
    synchronized (this) {
      if (failedRecently(clock.instant())) {
        return Optional.empty();
      }
      if (scanning) {
        // Another reader of the same burst started the scan while this one asked the planner: a
        // cold start's read-ahead and first syncs reach this point together, and each that lost
        // the race queried its first name (nine Queries at 5,000) instead of waiting like the rest.
        return afterScanOnItsWay(fullName, applicationPrefix, bulk ? BULK_SCAN_WAIT : SCAN_WAIT);
      }
      scanning = true;
      generation = scansDone;
      prefixes = Set.copyOf(demandPrefixes);
    }
    scan(prefixes, budget.getAsLong());
    synchronized (this) {
      return answerOfScanSince(generation, fullName, applicationPrefix);
    }
  }

  /**
   * Under the lock: a scan is on its way; in a burst it answers sooner and cheaper than a Query, so
   * wait for it (at most the given time) and take its answer if it covers the name.
   */
  private Optional<String> afterScanOnItsWay(
      String fullName, String applicationPrefix, Duration longest) {
    long generation = scansDone;
    long deadline = System.nanoTime() + longest.toNanos();
    try {
      while (scanning) {
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (left <= 0) {
          return Optional.empty();
        }
        wait(left);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
    return answerOfScanSince(generation, fullName, applicationPrefix);
  }

  /**
   * Under the lock: the answer of the scan the caller waited for (or ran), however long it took,
   * since the caller asked while it ran; empty if it failed, was not trusted, or does not cover the
   * name.
   */
  private Optional<String> answerOfScanSince(
      long generation, String fullName, String applicationPrefix) {
    if (scansDone == generation
        || !scannedPrefixes.contains(applicationPrefix)
        || recentlyNoticed(fullName, clock.instant())
        || readSinceScan.contains(fullName)) {
      return Optional.empty();
    }
    return answer(fullName);
  }

  /** Under the lock: the scan's version of the name, which it now answers no more. */
  private Optional<String> answer(String fullName) {
    VersionRow row = rows.get(fullName);
    if (row == null) {
      return Optional.empty();
    }
    readSinceScan.add(fullName);
    return Optional.of(row.version());
  }

  /**
   * Under the lock: the caller queries this name; neither the scan answering now nor one on its way
   * may answer it later with what it saw before that Query.
   */
  private void queried(String fullName) {
    if (scanning) {
      queriedDuringScan.add(fullName);
    }
    if (scannedAt != null) {
      readSinceScan.add(fullName);
    }
  }

  /**
   * A read of the name returned this version (a pinned version a sync asked for, a Query): the scan
   * answering now, or the one on its way, must not answer the name with an older version than that
   * read saw. Without this, a rotation that change detection found and a sync pinned (an exact
   * read, which never asks the scan) was followed, within the scan's freshness, by a latest read
   * the scan answered with the version before the rotation: the Secret went back to it.
   */
  synchronized void sawVersion(String fullName, String version) {
    if (scanning) {
      readDuringScan.merge(fullName, version, ScannedVersions::newer);
    }
    if (scannedAt != null && scanOlderThan(fullName, version)) {
      readSinceScan.add(fullName);
    }
  }

  /** Under the lock: whether the scan's version of the name is older than {@code version}. */
  private boolean scanOlderThan(String fullName, String version) {
    VersionRow row = rows.get(fullName);
    if (row == null) {
      return false; // the scan never answers a name it did not see
    }
    Optional<FideliusVersion> scannedVersion = FideliusVersion.fromId(row.version());
    Optional<FideliusVersion> read = FideliusVersion.fromId(version);
    // A version that is not a number cannot be ordered: the name is queried rather than guessed.
    return scannedVersion.isEmpty()
        || read.isEmpty()
        || scannedVersion.get().compareTo(read.get()) < 0;
  }

  private static String newer(String a, String b) {
    Optional<FideliusVersion> first = FideliusVersion.fromId(a);
    Optional<FideliusVersion> second = FideliusVersion.fromId(b);
    if (first.isEmpty() || second.isEmpty()) {
      return first.isEmpty() ? a : b; // an unordered version keeps the name queried
    }
    return first.get().compareTo(second.get()) >= 0 ? a : b;
  }

  /** The table's stream announced a change of this name: no scan answers for it for a while. */
  synchronized void noticed(String fullName) {
    Instant now = clock.instant();
    forgetOldNotices(now);
    noticed.remove(fullName);
    noticed.put(fullName, now);
    if (noticed.size() > MAX_NOTICED) {
      noticesOverflowedAt = now;
      noticed.clear();
    }
  }

  private void scan(Set<String> prefixes, long maxPages) {
    Instant started = clock.instant();
    Outcome<VersionScan> scanned =
        CallGuard.run(
            "Scan of table " + table.name() + " for a burst of first reads",
            () -> Outcome.ok(table.newestVersionsByName(prefixes, maxPages)));
    Instant done = clock.instant();
    if (scanned.isOk()) {
      planner.scanned(scanned.value());
    }
    synchronized (this) {
      scanning = false;
      notifyAll(); // readers waiting for it
      if (!scanned.isOk()) {
        answerNothing(done);
        LOG.info(
            "Scan of table {} failed, latest versions are queried one by one: {}",
            table.name(),
            scanned.error());
        if (scanned.error().kind() == ErrorKind.ACCESS_DENIED) {
          planner.scanRefused();
        }
        return;
      }
      if (!scanned.value().complete()) {
        answerNothing(done);
        LOG.info(
            "Scan of table {} stopped after {} pages: the table takes more calls to scan than"
                + " the burst's reads take Queries, so they are queried",
            table.name(),
            scanned.value().pages());
        return;
      }
      if (Duration.between(started, done).compareTo(BULK_FRESH_FOR) >= 0) {
        answerNothing(done);
        LOG.info(
            "Scan of table {} took {} s, too long to answer reads (a change announced at its start"
                + " may be forgotten by the time it would answer); latest versions are queried",
            table.name(),
            Duration.between(started, done).toSeconds());
        return;
      }
      rows = scanned.value().rows();
      readSinceScan.clear();
      readSinceScan.addAll(queriedDuringScan);
      queriedDuringScan.clear();
      readDuringScan.forEach(
          (name, version) -> {
            if (scanOlderThan(name, version)) {
              readSinceScan.add(name);
            }
          });
      readDuringScan.clear();
      scannedPrefixes = prefixes;
      scannedAt = started; // its age counts from its start: it may miss writes after that
      scansDone++;
      demand = 0;
      demandSince = done;
      demandPrefixes.clear();
    }
  }

  /**
   * Under the lock: the scan that ended at {@code done} answers no read, and the reads of its burst
   * query for {@link #FRESH_FOR} rather than each start another scan.
   */
  private void answerNothing(Instant done) {
    failedAt = done;
    queriedDuringScan.clear();
    readDuringScan.clear();
  }

  /**
   * Under the lock: a scan failed, stopped at its budget or took too long within {@link
   * #FRESH_FOR}: the reads of the same burst query rather than each start another scan of the whole
   * table.
   */
  private boolean failedRecently(Instant now) {
    return failedAt != null && now.isBefore(failedAt.plus(FRESH_FOR));
  }

  private boolean fresh(Instant now, Duration freshFor) {
    return scannedAt != null && now.isBefore(scannedAt.plus(freshFor));
  }

  /** Under the lock: a scan too old to answer any read is let go, with the names it answered. */
  private void forgetExpiredScan(Instant now) {
    if (scannedAt != null && !fresh(now, BULK_FRESH_FOR)) {
      rows = Map.of();
      scannedPrefixes = Set.of();
      scannedAt = null;
      readSinceScan.clear();
    }
  }

  /**
   * A bulk read is about to ask for names of these applications: a scan it starts covers them all.
   * Without this the scan covered only the first name's application, and each further application
   * of the same read started another scan, each costing the whole table's pages.
   */
  synchronized void expect(Collection<String> applicationPrefixes) {
    startDemandWindowIfOver(clock.instant());
    applicationPrefixes.forEach(this::addDemandPrefix);
  }

  private int countDemand(String applicationPrefix, Instant now) {
    startDemandWindowIfOver(now);
    demand++;
    addDemandPrefix(applicationPrefix);
    return demand;
  }

  /** Under the lock: demand counts within one {@link #DEMAND_WINDOW}; an older one is forgotten. */
  private void startDemandWindowIfOver(Instant now) {
    if (demandSince == null || !now.isBefore(demandSince.plus(DEMAND_WINDOW))) {
      demandSince = now;
      demand = 0;
      demandPrefixes.clear();
    }
  }

  /** Under the lock: what a scan would filter on, bounded by what one scan filter can hold. */
  private void addDemandPrefix(String applicationPrefix) {
    if (demandPrefixes.size() < DynamoDbFideliusTable.MAX_FILTERED_PREFIXES) {
      demandPrefixes.add(applicationPrefix);
    }
  }

  private boolean recentlyNoticed(String fullName, Instant now) {
    if (noticesOverflowedAt != null && now.isBefore(noticesOverflowedAt.plus(NOTICE_MEMORY))) {
      return true; // too many to remember one by one: nothing is answered from a scan for a while
    }
    Instant at = noticed.get(fullName);
    return at != null && now.isBefore(at.plus(NOTICE_MEMORY));
  }

  private void forgetOldNotices(Instant now) {
    Iterator<Instant> oldestFirst = noticed.values().iterator();
    while (oldestFirst.hasNext()) {
      if (now.isBefore(oldestFirst.next().plus(NOTICE_MEMORY))) {
        return;
      }
      oldestFirst.remove();
    }
  }
}
