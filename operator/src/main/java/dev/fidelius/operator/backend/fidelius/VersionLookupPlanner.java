package dev.fidelius.operator.backend.fidelius;

import dev.fidelius.operator.backend.AwsErrors;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses how to find the current versions of many names with the fewest AWS calls: one
 * version-only Query per name, or one projection Scan of the whole table, which costs one call per
 * 1 MB of table. The table size comes from DescribeTable, which AWS refreshes only every few hours
 * anyway, so it is asked at most once per {@link #SIZE_MAX_AGE}.
 *
 * <p>Scans are given up for a while when they are refused: IAM policies that confine a reader to
 * its own names with {@code dynamodb:LeadingKeys} allow Query but can never allow Scan. A
 * DescribeTable that is refused or fails leaves the size unknown for the same while, and unknown
 * means Query. Thread-safe.
 */
final class VersionLookupPlanner {

  static final Duration SIZE_MAX_AGE = Duration.ofMinutes(15);
  static final Duration SCAN_REFUSAL_MEMORY = Duration.ofMinutes(15);

  /** Scan and Query pages hold at most 1 MB of data read. */
  static final long PAGE_BYTES = 1024L * 1024L;

  private static final Logger LOG = LoggerFactory.getLogger(VersionLookupPlanner.class);

  private final Supplier<OptionalLong> tableSize;
  private final String tableName;
  private final Clock clock;

  private OptionalLong knownSize = OptionalLong.empty();
  private Instant sizeAskedAt;
  private Instant scanRefusedAt;

  /**
   * @param tableSize asks DynamoDB for the table size; may throw the SDK's exceptions
   */
  VersionLookupPlanner(Supplier<OptionalLong> tableSize, String tableName, Clock clock) {
    this.tableSize = Objects.requireNonNull(tableSize, "tableSize");
    this.tableName = Objects.requireNonNull(tableName, "tableName");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * True when one scan is expected to take fewer calls than {@code queries} version-only queries.
   */
  synchronized boolean shouldScan(int queries) {
    if (queries < 2 || scanRefusedRecently()) {
      return false; // A single name never costs fewer calls by scanning; skip DescribeTable too.
    }
    OptionalLong size = tableSize();
    // On a tie Query wins: it is strongly consistent and reads only what it returns.
    return size.isPresent() && estimatedScanPages(size.getAsLong()) < queries;
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

  /**
   * Pages of a projection scan of the table. Integer division plus one: a partial last page is a
   * call, and when the data ends exactly on a page boundary DynamoDB still answers one more, empty,
   * page.
   */
  static long estimatedScanPages(long tableBytes) {
    return tableBytes / PAGE_BYTES + 1;
  }

  private boolean scanRefusedRecently() {
    return scanRefusedAt != null
        && clock.instant().isBefore(scanRefusedAt.plus(SCAN_REFUSAL_MEMORY));
  }

  private OptionalLong tableSize() {
    Instant now = clock.instant();
    if (sizeAskedAt == null || !now.isBefore(sizeAskedAt.plus(SIZE_MAX_AGE))) {
      sizeAskedAt = now;
      try {
        knownSize = tableSize.get();
      } catch (RuntimeException e) {
        knownSize = OptionalLong.empty();
        LOG.warn(
            "Size of table {} unknown, so versions are checked with one Query per name: {}",
            tableName,
            AwsErrors.classify("DescribeTable " + tableName, e));
      }
    }
    return knownSize;
  }
}
