package dev.fidelius.operator.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fidelius.operator.testsupport.ManualClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProgressWatchdogTest {

  private static final Duration STALL = Duration.ofMinutes(5);

  private final ManualClock clock = new ManualClock();
  private final ProgressWatchdog watchdog = new ProgressWatchdog(clock, STALL);

  @Test
  void idleControllerIsNeverStalled() {
    clock.advance(Duration.ofDays(3));
    assertTrue(watchdog.healthy());
    assertEquals("ok", watchdog.describe());
  }

  @Test
  void aSyncRunningLongerThanTheStallTimeoutWithNothingCompletingFailsLiveness() {
    watchdog.started();
    clock.advance(STALL.minusSeconds(1));
    assertTrue(watchdog.healthy());
    clock.advance(Duration.ofSeconds(1));
    assertFalse(watchdog.healthy());
    assertTrue(watchdog.describe().startsWith("stalled:"), watchdog.describe());
  }

  @Test
  void aCompletionHealsAndRestartsTheCount() {
    watchdog.started();
    clock.advance(STALL.plusMinutes(1));
    assertFalse(watchdog.healthy());
    watchdog.completed();
    assertTrue(watchdog.healthy());
    clock.advance(Duration.ofHours(1));
    assertTrue(watchdog.healthy(), "nothing waits after the completion");
  }

  @Test
  void oneStuckSyncDoesNotFailLivenessWhileOthersComplete() {
    watchdog.started(); // stuck for good
    for (int i = 0; i < 20; i++) {
      clock.advance(Duration.ofMinutes(1));
      watchdog.started();
      watchdog.completed();
      assertTrue(watchdog.healthy(), "minute " + i);
    }
    clock.advance(STALL);
    assertFalse(
        watchdog.healthy(), "then nothing completes any more while the stuck one still runs");
  }

  @Test
  void abandonedSyncsKeepWorkWaitingUntilOneCompletes() {
    watchdog.started();
    clock.advance(Duration.ofMinutes(1));
    watchdog.abandoned();
    clock.advance(Duration.ofMinutes(3));
    assertTrue(watchdog.healthy());
    watchdog.started();
    clock.advance(Duration.ofMinutes(1));
    watchdog.abandoned();
    assertFalse(watchdog.healthy(), "five minutes of syncs abandoned and none completed");
    watchdog.started();
    watchdog.completed();
    assertTrue(watchdog.healthy());
  }

  @Test
  void workArrivingAfterALongIdlePeriodIsGivenTheWholeStallTimeout() {
    watchdog.started();
    watchdog.completed();
    clock.advance(Duration.ofHours(2));
    watchdog.started();
    clock.advance(STALL.minusSeconds(1));
    assertTrue(watchdog.healthy());
  }
}
