package dev.fidelius.operator.backend.fidelius;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fidelius.operator.testsupport.ManualClock;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class FideliusVersionLookupPlannerTest {

  private final ManualClock clock = new ManualClock();
  private final VersionLookupPlanner planner = new VersionLookupPlanner(clock);

  @Test
  void aSingleNameIsAlwaysOneQuery() {
    assertThat(planner.scanBudget(1)).isEmpty();
  }

  @Test
  void anUnknownTableIsScannedWithOnePageFewerThanTheQueriesItReplaces() {
    assertThat(planner.scanBudget(2)).isEqualTo(OptionalLong.of(1));
    assertThat(planner.scanBudget(10_000)).isEqualTo(OptionalLong.of(9_999));
  }

  @Test
  void aWholeScanTellsThePagesAndQueriesWinTies() {
    planner.scanned(VersionScan.whole(Map.of(), 11));

    assertThat(planner.scanBudget(11)).as("eleven pages tie eleven queries").isEmpty();
    assertThat(planner.scanBudget(12)).isEqualTo(OptionalLong.of(11));
  }

  @Test
  void aStoppedScanMakesBurstsQueryUntilOneIsTwiceAsLarge() {
    planner.scanned(VersionScan.stoppedAfter(99)); // a burst of 100 names; the table takes more

    assertThat(planner.scanBudget(100)).isEmpty();
    assertThat(planner.scanBudget(150)).isEmpty();
    assertThat(planner.scanBudget(199)).isEqualTo(OptionalLong.of(198));
  }

  @Test
  void aKnownSizeIsForgottenAfterItAgesAndALargerThanSizeLater() {
    planner.scanned(VersionScan.whole(Map.of(), 50));
    clock.advance(VersionLookupPlanner.SIZE_MAX_AGE.minusSeconds(1));
    assertThat(planner.scanBudget(20)).isEmpty();
    clock.advance(Duration.ofSeconds(1));
    assertThat(planner.scanBudget(20)).as("the table may have shrunk: try").isPresent();

    planner.scanned(VersionScan.stoppedAfter(19));
    clock.advance(VersionLookupPlanner.SIZE_MAX_AGE);
    assertThat(planner.scanBudget(20)).as("tables seldom shrink").isEmpty();
    clock.advance(VersionLookupPlanner.LARGER_THAN_MAX_AGE);
    assertThat(planner.scanBudget(20)).isPresent();
  }

  @Test
  void aRefusedScanIsNotTriedAgainForAWhile() {
    assertThat(planner.scanBudget(100)).isPresent();
    planner.scanRefused();
    assertThat(planner.scanBudget(100)).isEmpty();

    clock.advance(VersionLookupPlanner.SCAN_REFUSAL_MEMORY);
    assertThat(planner.scanBudget(100)).isPresent();
  }
}
