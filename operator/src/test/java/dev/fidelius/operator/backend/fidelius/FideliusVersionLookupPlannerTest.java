package dev.fidelius.operator.backend.fidelius;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fidelius.operator.testsupport.ManualClock;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class FideliusVersionLookupPlannerTest {

  private static final long MB = 1024 * 1024;

  private final AtomicInteger describeCalls = new AtomicInteger();
  private final AtomicLong tableBytes = new AtomicLong(10 * MB);
  private final ManualClock clock = new ManualClock();
  private final VersionLookupPlanner planner =
      new VersionLookupPlanner(
          () -> {
            describeCalls.incrementAndGet();
            return OptionalLong.of(tableBytes.get());
          },
          "credential-store",
          clock);

  @Test
  void scansOnlyWhenTheTableTakesFewerPagesThanTheQueries() {
    // 10 MB: eleven pages at most, so eleven queries tie (query wins) and twelve lose.
    assertThat(planner.shouldScan(11)).isFalse();
    assertThat(planner.shouldScan(12)).isTrue();
    assertThat(planner.shouldScan(1000)).isTrue();
  }

  @Test
  void aSingleNameIsAlwaysOneQueryAndCostsNoDescribeTable() {
    assertThat(planner.shouldScan(1)).isFalse();
    assertThat(describeCalls).hasValue(0);
  }

  @Test
  void theTableSizeIsAskedAgainOnlyAfterItAges() {
    planner.shouldScan(50);
    planner.shouldScan(50);
    clock.advance(VersionLookupPlanner.SIZE_MAX_AGE.minusSeconds(1));
    planner.shouldScan(50);
    assertThat(describeCalls).hasValue(1);

    tableBytes.set(100 * MB);
    clock.advance(Duration.ofSeconds(1));
    assertThat(planner.shouldScan(50)).as("the table grew to 101 pages").isFalse();
    assertThat(describeCalls).hasValue(2);
  }

  @Test
  void anUnknownSizeMeansQueriesAndIsNotAskedOnEveryCall() {
    AtomicInteger failures = new AtomicInteger();
    VersionLookupPlanner blind =
        new VersionLookupPlanner(
            () -> {
              failures.incrementAndGet();
              throw InMemoryFideliusTable.awsError("AccessDeniedException", 400);
            },
            "credential-store",
            clock);

    assertThat(blind.shouldScan(500)).isFalse();
    assertThat(blind.shouldScan(500)).isFalse();
    assertThat(failures).hasValue(1);
  }

  @Test
  void aRefusedScanIsNotTriedAgainForAWhile() {
    assertThat(planner.shouldScan(100)).isTrue();
    planner.scanRefused();
    assertThat(planner.shouldScan(100)).isFalse();

    clock.advance(VersionLookupPlanner.SCAN_REFUSAL_MEMORY);
    assertThat(planner.shouldScan(100)).isTrue();
  }

  @Test
  void pagesCountThePartialAndTheTrailingEmptyPage() {
    assertThat(VersionLookupPlanner.estimatedScanPages(0)).isEqualTo(1);
    assertThat(VersionLookupPlanner.estimatedScanPages(MB - 1)).isEqualTo(1);
    assertThat(VersionLookupPlanner.estimatedScanPages(MB)).isEqualTo(2);
    assertThat(VersionLookupPlanner.estimatedScanPages(5 * MB / 2)).isEqualTo(3);
  }
}
