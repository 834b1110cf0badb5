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

  /** Quiet refreshes between two writes of lastRefreshTime alone, at most. */
  static final int HEARTBEAT_INTERVALS = 4;

  /** Beyond this age lastRefreshTime is rewritten, unless the refresh interval itself is longer. */
  static final Duration HEARTBEAT_CAP = Duration.ofHours(1);

  /**
   * Whether the status must be written: anything but lastRefreshTime changed, or the recorded
   * refresh time is older than the heartbeat. A refresh that changed nothing writes nothing: at a
   * hundred thousand resources one status write per refresh would be most of the operator's API
   * traffic.
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
    return !recorded.plus(heartbeat(refresh)).isAfter(now.plusSeconds(1));
  }

  /**
   * How old lastRefreshTime may grow while refreshes change nothing: {@value #HEARTBEAT_INTERVALS}
   * refresh intervals, but no more than an hour unless one interval is longer (then one interval);
   * an hour for sync-once resources.
   */
  static Duration heartbeat(Duration refresh) {
    if (refresh.isZero()) {
      return HEARTBEAT_CAP;
    }
    Duration several = refresh.multipliedBy(HEARTBEAT_INTERVALS);
    Duration capped = several.compareTo(HEARTBEAT_CAP) > 0 ? HEARTBEAT_CAP : several;
    return capped.compareTo(refresh) < 0 ? refresh : capped;
  }
}
