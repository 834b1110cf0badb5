package dev.fidelius.operator.reconciler;

import dev.fidelius.operator.api.FideliusSecretStatus;
import dev.fidelius.operator.status.ReadyCondition;
import dev.fidelius.operator.sync.SyncReport;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * The next status from the previous one and a sync report. On failure the last synced versions,
 * hash and times stay: they describe the data the Secret still holds.
 */
final class StatusProjection {

  private StatusProjection() {}

  static FideliusSecretStatus next(
      FideliusSecretStatus previous, SyncReport report, Long generation, Instant now) {
    FideliusSecretStatus s = new FideliusSecretStatus();
    s.setObservedGeneration(generation);
    s.setConditions(
        ReadyCondition.upsert(
            previous.getConditions(),
            report.ready(),
            report.reason(),
            report.message(),
            generation,
            now));
    s.setTargetSecret(report.targetSecret());
    s.setSyncedVersions(previous.getSyncedVersions());
    s.setDataHash(previous.getDataHash());
    s.setLastRefreshTime(previous.getLastRefreshTime());
    s.setLastChangeTime(previous.getLastChangeTime());
    String stamp = now.truncatedTo(ChronoUnit.SECONDS).toString();
    if (report.syncedVersions() != null) {
      s.setSyncedVersions(report.syncedVersions());
    }
    if (report.dataHash() != null) {
      s.setDataHash(report.dataHash());
      s.setLastRefreshTime(stamp);
      if (report.dataChanged() || previous.getLastChangeTime() == null) {
        s.setLastChangeTime(stamp);
      }
    }
    ItemStatusProjection.project(previous, report, s);
    s.setServedBy(ServedRegions.next(previous.getServedBy(), report));
    s.setRestartPendingSince(previous.getRestartPendingSince());
    if (report.dataHash() != null) {
      // The restart decision ran: it says whether a restart still waits.
      Instant since = report.restarts() == null ? null : report.restarts().pendingSince();
      s.setRestartPendingSince(
          since == null ? null : since.truncatedTo(ChronoUnit.SECONDS).toString());
    }
    return s;
  }

  /**
   * Whether the status must be written: anything but lastRefreshTime changed, or the recorded
   * refresh time is older than the refresh interval (a heartbeat once per interval, not one write
   * per reconcile).
   */
  static boolean differs(
      FideliusSecretStatus before, FideliusSecretStatus after, Duration refresh, Instant now) {
    boolean same =
        Objects.equals(before.getObservedGeneration(), after.getObservedGeneration())
            && Objects.equals(before.getConditions(), after.getConditions())
            && Objects.equals(before.getSyncedVersions(), after.getSyncedVersions())
            && Objects.equals(before.getDataHash(), after.getDataHash())
            && Objects.equals(before.getTargetSecret(), after.getTargetSecret())
            && Objects.equals(before.getLastChangeTime(), after.getLastChangeTime())
            && Objects.equals(before.getItems(), after.getItems())
            && Objects.equals(before.getItemsOmitted(), after.getItemsOmitted())
            && Objects.equals(before.getItemsSummary(), after.getItemsSummary())
            && Objects.equals(before.getForceSyncHonoured(), after.getForceSyncHonoured())
            && Objects.equals(before.getRestartPendingSince(), after.getRestartPendingSince())
            && Objects.equals(before.getServedBy(), after.getServedBy());
    if (!same) {
      return true;
    }
    if (Objects.equals(before.getLastRefreshTime(), after.getLastRefreshTime())
        || before.getLastRefreshTime() == null) {
      return !Objects.equals(before.getLastRefreshTime(), after.getLastRefreshTime());
    }
    Instant recorded = Instant.parse(before.getLastRefreshTime());
    Duration heartbeat = refresh.isZero() ? Duration.ofHours(1) : refresh;
    return !recorded.plus(heartbeat).isAfter(now.plusSeconds(1));
  }
}
