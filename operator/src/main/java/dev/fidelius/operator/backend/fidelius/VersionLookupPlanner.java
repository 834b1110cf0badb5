package dev.fidelius.operator.backend.fidelius;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * Chooses how to find the current versions of many names with the fewest AWS calls: one
 * version-only Query per name, or one projection Scan of the whole table, which costs one call per
 * 1 MB of table. It learns the table's size from the scans themselves, not from DescribeTable
 * (whose size AWS refreshes only every six hours or so, and which moto reports as 0): a scan is
 * given a budget of one page fewer than the queries it replaces, and stops there on a table that
 * takes more. A scan that completed tells the table's pages, remembered for {@link #SIZE_MAX_AGE};
 * one that stopped tells that the table takes more than its budget, remembered for {@link
 * #LARGER_THAN_MAX_AGE} (tables seldom shrink), and only a burst at least twice as large tries
 * again. So stopped scans waste at most about as many calls as the queries made instead, and only
 * while the size is not known.
 *
 * <p>Scans are given up for a while when they are refused: IAM policies that confine a reader to
 * its own names with {@code dynamodb:LeadingKeys} allow Query but can never allow Scan.
 * Thread-safe. Not final only so that a test can hold readers while they plan.
 */
class VersionLookupPlanner {

  static final Duration SIZE_MAX_AGE = Duration.ofMinutes(15);
  static final Duration LARGER_THAN_MAX_AGE = Duration.ofHours(1);
  static final Duration SCAN_REFUSAL_MEMORY = Duration.ofMinutes(15);

  private final Clock clock;

  /** Pages the last whole scan took, or that a stopped scan read (the table takes more). */
  private long pagesSeen;

  private boolean pagesExact;
  private Instant pagesSeenAt;
  private Instant scanRefusedAt;

  VersionLookupPlanner(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * The pages a scan may read to take fewer calls than {@code queries} version-only queries, or
   * empty when querying is expected to cost no more. On a tie Query wins: it is strongly consistent
   * and reads only what it returns.
   */
  synchronized OptionalLong scanBudget(int queries) {
    if (queries < 2 || scanRefusedRecently()) {
      return OptionalLong.empty(); // a single name never costs fewer calls by scanning
    }
    long budget = queries - 1L;
    if (sizeKnown()) {
      boolean fits = pagesExact ? pagesSeen <= budget : budget >= 2 * pagesSeen;
      if (!fits) {
        return OptionalLong.empty();
      }
    }
    return OptionalLong.of(budget);
  }

  /** What a scan found out about the table's size: it took {@code pages}, or more if stopped. */
  synchronized void scanned(VersionScan scan) {
    pagesSeen = scan.pages();
    pagesExact = scan.complete();
    pagesSeenAt = clock.instant();
  }

  /** The clock it plans by, for the parts that plan with it. */
  Clock clock() {
    return clock;
  }

  /**
   * Called when a scan was refused (access denied): queries are used until the refusal is
   * forgotten.
   */
  synchronized void scanRefused() {
    scanRefusedAt = clock.instant();
  }

  private boolean sizeKnown() {
    return pagesSeenAt != null
        && clock
            .instant()
            .isBefore(pagesSeenAt.plus(pagesExact ? SIZE_MAX_AGE : LARGER_THAN_MAX_AGE));
  }

  private boolean scanRefusedRecently() {
    return scanRefusedAt != null
        && clock.instant().isBefore(scanRefusedAt.plus(SCAN_REFUSAL_MEMORY));
  }
}
