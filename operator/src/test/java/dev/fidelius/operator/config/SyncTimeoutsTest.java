package dev.fidelius.operator.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SyncTimeoutsTest {

  @Test
  void defaultsAreAMinutePerSyncAndFiveMinutesOfStall() {
    SyncTimeouts t = OperatorConfig.defaults().syncTimeouts();
    assertEquals(Duration.ofSeconds(60), t.syncTimeout());
    assertEquals(Duration.ofMinutes(5), t.livenessStallTimeout());
  }

  @Test
  void readsBothVariables() {
    SyncTimeouts t =
        OperatorConfig.fromEnvironment(
                Map.of(
                    SyncTimeouts.SYNC_TIMEOUT, "90s", SyncTimeouts.LIVENESS_STALL_TIMEOUT, "10m"))
            .syncTimeouts();
    assertEquals(Duration.ofSeconds(90), t.syncTimeout());
    assertEquals(Duration.ofMinutes(10), t.livenessStallTimeout());
  }

  @Test
  void refusesAStallTimeoutNotLongerThanTheSyncTimeout() {
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                OperatorConfig.fromEnvironment(
                    Map.of(
                        SyncTimeouts.SYNC_TIMEOUT,
                        "5m",
                        SyncTimeouts.LIVENESS_STALL_TIMEOUT,
                        "5m")));
    assertTrue(e.getMessage().contains(SyncTimeouts.LIVENESS_STALL_TIMEOUT), e.getMessage());
  }

  @Test
  void refusesNonsenseAndTooShortValues() {
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> OperatorConfig.fromEnvironment(Map.of(SyncTimeouts.SYNC_TIMEOUT, "soon")));
    assertTrue(e.getMessage().contains(SyncTimeouts.SYNC_TIMEOUT), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> OperatorConfig.fromEnvironment(Map.of(SyncTimeouts.SYNC_TIMEOUT, "10ms")));
    assertTrue(e.getMessage().contains("at least 1s"), e.getMessage());
  }
}
