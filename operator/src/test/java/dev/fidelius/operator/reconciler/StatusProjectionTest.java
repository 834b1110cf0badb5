package dev.fidelius.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fidelius.operator.api.FideliusSecretStatus;
import dev.fidelius.operator.sync.SyncReport;
import dev.fidelius.operator.target.WriteResult;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The next status from the last one and a sync report; when it must be written. */
class StatusProjectionTest {

  private static final Instant T0 = Instant.parse("2024-06-01T12:00:00Z");
  private static final Duration REFRESH = Duration.ofMinutes(5);

  @Test
  void aSuccessRecordsVersionsHashAndBothTimes() {
    FideliusSecretStatus next =
        StatusProjection.next(new FideliusSecretStatus(), synced("h1", true), 3L, T0);

    assertThat(next.getObservedGeneration()).isEqualTo(3L);
    assertThat(next.getSyncedVersions()).containsEntry("db", "1");
    assertThat(next.getDataHash()).isEqualTo("h1");
    assertThat(next.getLastRefreshTime()).isEqualTo("2024-06-01T12:00:00Z");
    assertThat(next.getLastChangeTime()).isEqualTo("2024-06-01T12:00:00Z");
    assertThat(next.getConditions())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.getStatus()).isEqualTo("True");
              assertThat(c.getReason()).isEqualTo("Synced");
            });
  }

  @Test
  void aFailureKeepsWhatTheSecretStillHolds() {
    FideliusSecretStatus before =
        StatusProjection.next(new FideliusSecretStatus(), synced("h1", true), 1L, T0);

    FideliusSecretStatus after =
        StatusProjection.next(
            before,
            SyncReport.failure(
                "BackendUnavailable", "kept the last synced data", true, REFRESH, "app"),
            1L,
            T0.plusSeconds(60));

    assertThat(after.getSyncedVersions()).isEqualTo(before.getSyncedVersions());
    assertThat(after.getDataHash()).isEqualTo("h1");
    assertThat(after.getLastRefreshTime()).isEqualTo(before.getLastRefreshTime());
    assertThat(after.getConditions())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.getStatus()).isEqualTo("False");
              assertThat(c.getReason()).isEqualTo("BackendUnavailable");
            });
  }

  @Test
  void anUnchangedRefreshMovesOnlyTheRefreshTime() {
    FideliusSecretStatus before =
        StatusProjection.next(new FideliusSecretStatus(), synced("h1", true), 1L, T0);

    FideliusSecretStatus after =
        StatusProjection.next(before, synced("h1", false), 1L, T0.plusSeconds(60));

    assertThat(after.getLastChangeTime()).isEqualTo(before.getLastChangeTime());
    assertThat(after.getLastRefreshTime()).isEqualTo("2024-06-01T12:01:00Z");
  }

  @Test
  void quietRefreshesWriteNothingUntilTheHeartbeatIsDue() {
    FideliusSecretStatus before =
        StatusProjection.next(new FideliusSecretStatus(), synced("h1", true), 1L, T0);
    Instant oneInterval = T0.plus(REFRESH);
    Instant threeIntervals = T0.plus(REFRESH.multipliedBy(3));
    Instant fourIntervals = T0.plus(REFRESH.multipliedBy(4));

    assertThat(
            StatusProjection.differs(
                before,
                StatusProjection.next(before, synced("h1", false), 1L, oneInterval),
                REFRESH,
                oneInterval))
        .as("a quiet refresh one interval later")
        .isFalse();
    assertThat(
            StatusProjection.differs(
                before,
                StatusProjection.next(before, synced("h1", false), 1L, threeIntervals),
                REFRESH,
                threeIntervals))
        .as("a quiet refresh three intervals later")
        .isFalse();
    assertThat(
            StatusProjection.differs(
                before,
                StatusProjection.next(before, synced("h1", false), 1L, fourIntervals),
                REFRESH,
                fourIntervals))
        .as("heartbeat after four intervals")
        .isTrue();
    assertThat(
            StatusProjection.differs(
                before,
                StatusProjection.next(before, synced("h2", true), 1L, oneInterval),
                REFRESH,
                oneInterval))
        .as("a data change is written at once")
        .isTrue();
  }

  @Test
  void theHeartbeatIsFourIntervalsAtMostAnHourButNeverShorterThanOneInterval() {
    assertThat(StatusProjection.heartbeat(Duration.ofSeconds(10)))
        .isEqualTo(Duration.ofSeconds(40));
    assertThat(StatusProjection.heartbeat(Duration.ofMinutes(15))).isEqualTo(Duration.ofHours(1));
    assertThat(StatusProjection.heartbeat(Duration.ofMinutes(30))).isEqualTo(Duration.ofHours(1));
    assertThat(StatusProjection.heartbeat(Duration.ofHours(2))).isEqualTo(Duration.ofHours(2));
    assertThat(StatusProjection.heartbeat(Duration.ZERO)).isEqualTo(Duration.ofHours(1));
  }

  private static SyncReport synced(String hash, boolean changed) {
    WriteResult write =
        new WriteResult(changed ? WriteResult.Kind.UPDATED : WriteResult.Kind.UNCHANGED, "w");
    return new SyncReport(
        true,
        "Synced",
        "ok",
        false,
        REFRESH,
        "app",
        Map.of("db", "1"),
        hash,
        write,
        null,
        Optional.empty());
  }
}
