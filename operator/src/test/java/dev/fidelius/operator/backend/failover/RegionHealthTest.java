package dev.fidelius.operator.backend.failover;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fidelius.operator.testsupport.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RegionHealthTest {

  private static final String PRIMARY = "us-east-1";
  private static final String WEST = "us-west-2";
  private static final String EU = "eu-west-1";
  private static final Duration AFTER = Duration.ofSeconds(30);
  private static final Duration PROBE = Duration.ofSeconds(60);
  private static final Duration PACE = Duration.ofSeconds(120);

  private final ManualClock clock = new ManualClock();
  private final List<RegionSwitch> switches = new ArrayList<>();
  private final RegionHealth health =
      new RegionHealth(
          List.of(PRIMARY, WEST, EU), new FailoverPolicy(AFTER, PROBE, PACE), clock, switches::add);

  @Test
  void theprimaryServesWhileItAnswers() {
    health.answered(PRIMARY);
    clock.advance(Duration.ofHours(1));
    health.answered(PRIMARY);
    assertThat(health.servingRegion()).isEqualTo(PRIMARY);
    assertThat(health.serving().primary()).isTrue();
    assertThat(health.probeDue()).isEmpty();
    assertThat(switches).isEmpty();
  }

  @Test
  void outageErrorsForLessThanAfterDoNotMoveReads() {
    health.unwell(PRIMARY, "BackendUnavailable");
    clock.advance(AFTER.minusSeconds(1));
    health.unwell(PRIMARY, "BackendUnavailable");
    assertThat(health.servingRegion()).isEqualTo(PRIMARY);
  }

  @Test
  void outageErrorsForAfterMoveReadsToTheNextRegion() {
    Instant start = clock.instant();
    health.unwell(PRIMARY, "Throttled");
    clock.advance(AFTER);
    health.unwell(PRIMARY, "BackendUnavailable");

    assertThat(health.servingRegion()).isEqualTo(WEST);
    assertThat(health.serving().primary()).isFalse();
    assertThat(health.serving().since()).isEqualTo(start.plus(AFTER));
    assertThat(switches).hasSize(1);
    RegionSwitch s = switches.get(0);
    assertThat(s.from()).isEqualTo(PRIMARY);
    assertThat(s.to()).isEqualTo(WEST);
    assertThat(s.toPrimary()).isFalse();
    assertThat(s.why()).contains("failed for 30s").contains("BackendUnavailable");
  }

  @Test
  void oneAnswerInBetweenRestartsTheOutageClock() {
    health.unwell(PRIMARY, "BackendUnavailable");
    clock.advance(Duration.ofSeconds(20));
    health.answered(PRIMARY);
    clock.advance(Duration.ofSeconds(20));
    health.unwell(PRIMARY, "BackendUnavailable");
    clock.advance(Duration.ofSeconds(20));
    health.unwell(PRIMARY, "BackendUnavailable");
    assertThat(health.servingRegion()).isEqualTo(PRIMARY);
    clock.advance(Duration.ofSeconds(10));
    health.unwell(PRIMARY, "BackendUnavailable");
    assertThat(health.servingRegion()).isEqualTo(WEST);
  }

  @Test
  void outagesOfARegionThatDoesNotServeDoNotMoveReads() {
    health.unwell(WEST, "BackendUnavailable");
    clock.advance(Duration.ofMinutes(5));
    health.unwell(WEST, "BackendUnavailable");
    assertThat(health.servingRegion()).isEqualTo(PRIMARY);
  }

  @Test
  void theNextRegionSkipsOneKnownToFail() {
    health.unwell(WEST, "BackendUnavailable");
    health.unwell(PRIMARY, "BackendUnavailable");
    clock.advance(AFTER);
    health.unwell(PRIMARY, "BackendUnavailable");
    assertThat(health.servingRegion()).isEqualTo(EU);
  }

  @Test
  void whenEveryRegionFailsReadsStay() {
    health.unwell(WEST, "BackendUnavailable");
    health.unwell(EU, "BackendUnavailable");
    health.unwell(PRIMARY, "BackendUnavailable");
    clock.advance(AFTER.multipliedBy(4));
    health.unwell(PRIMARY, "BackendUnavailable");
    assertThat(health.servingRegion()).isEqualTo(PRIMARY);
    assertThat(switches).isEmpty();
  }

  @Test
  void thePrimaryIsProbedOncePerIntervalWhileAway() {
    failOver();
    assertThat(health.probeDue()).as("not at once after leaving it").isEmpty();
    clock.advance(PROBE.minusSeconds(1));
    assertThat(health.probeDue()).isEmpty();
    clock.advance(Duration.ofSeconds(1));
    assertThat(health.probeDue()).contains(PRIMARY);
    assertThat(health.probeDue()).as("marked as probed").isEmpty();
    clock.advance(PROBE);
    assertThat(health.probeDue()).contains(PRIMARY);
  }

  @Test
  void aProbeAnsweredBringsReadsBackOnceThePaceAllows() {
    failOver();
    clock.advance(PROBE);
    assertThat(health.probeDue()).contains(PRIMARY);
    health.answered(PRIMARY);
    assertThat(health.servingRegion()).as("the pace (2m) holds reads after 1m").isEqualTo(WEST);

    clock.advance(PROBE);
    assertThat(health.probeDue()).contains(PRIMARY);
    health.answered(PRIMARY);
    assertThat(health.servingRegion()).isEqualTo(PRIMARY);
    assertThat(health.serving().primary()).isTrue();
    assertThat(switches).hasSize(2);
    assertThat(switches.get(1).toPrimary()).isTrue();
    assertThat(switches.get(1).why()).contains("answers again");
  }

  @Test
  void aProbeThatFailsKeepsReadsWhereTheyAre() {
    failOver();
    clock.advance(PACE);
    assertThat(health.probeDue()).contains(PRIMARY);
    health.unwell(PRIMARY, "BackendUnavailable");
    assertThat(health.servingRegion()).isEqualTo(WEST);
  }

  @Test
  void aFlappingPrimaryCannotMakeReadsSwitchFasterThanThePace() {
    // The primary fails for 30s, answers for 1s, over and over, for 20 minutes; the replica always
    // answers.
    List<Instant> at = new ArrayList<>();
    RegionHealth flapping =
        new RegionHealth(
            List.of(PRIMARY, WEST),
            new FailoverPolicy(Duration.ofSeconds(5), Duration.ofSeconds(5), PACE),
            clock,
            s -> at.add(s.at()));
    Instant end = clock.instant().plus(Duration.ofMinutes(20));
    while (clock.instant().isBefore(end)) {
      boolean down = (clock.instant().getEpochSecond() % 31) != 0;
      String serving = flapping.servingRegion();
      flapping.probeDue().ifPresent(p -> report(flapping, p, down));
      report(flapping, serving, !serving.equals(PRIMARY) ? false : down);
      clock.advance(Duration.ofSeconds(1));
    }
    assertThat(at).as("it did switch").hasSizeGreaterThan(2);
    for (int i = 1; i < at.size(); i++) {
      assertThat(Duration.between(at.get(i - 1), at.get(i))).isGreaterThanOrEqualTo(PACE);
    }
    assertThat(at.size()).isLessThanOrEqualTo((int) (Duration.ofMinutes(20).dividedBy(PACE)) + 1);
  }

  @Test
  void withoutAPaceARecoveredPrimaryTakesOverAtTheNextProbe() {
    RegionHealth quick =
        new RegionHealth(
            List.of(PRIMARY, WEST),
            new FailoverPolicy(AFTER, PROBE, Duration.ZERO),
            clock,
            switches::add);
    quick.unwell(PRIMARY, "BackendUnavailable");
    clock.advance(AFTER);
    quick.unwell(PRIMARY, "BackendUnavailable");
    assertThat(quick.servingRegion()).isEqualTo(WEST);
    clock.advance(PROBE);
    assertThat(quick.probeDue()).contains(PRIMARY);
    quick.answered(PRIMARY);
    assertThat(quick.servingRegion()).isEqualTo(PRIMARY);
  }

  private static void report(RegionHealth h, String region, boolean down) {
    if (down) {
      h.unwell(region, "BackendUnavailable");
    } else {
      h.answered(region);
    }
  }

  private void failOver() {
    health.unwell(PRIMARY, "BackendUnavailable");
    clock.advance(AFTER);
    health.unwell(PRIMARY, "BackendUnavailable");
    assertThat(health.servingRegion()).isEqualTo(WEST);
  }
}
