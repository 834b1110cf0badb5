package dev.fidelius.operator.reconciler;

import dev.fidelius.operator.target.RolloutRestarter;
import dev.fidelius.operator.target.WorkloadRestarter;
import dev.fidelius.operator.target.WriteResult;
import java.time.Duration;
import java.util.Map;

/**
 * What one sync of a FideliusSecret found and did. {@code ready} false means nothing was written: the
 * target Secret keeps its last good data.
 *
 * @param transientFailure whether retrying may help without anyone changing anything
 * @param refreshInterval the effective interval (ZERO = sync once)
 * @param syncedVersions null when the sync failed before reading (keep the previous ones)
 * @param dataHash null when nothing was rendered
 */
public record SyncReport(boolean ready, String reason, String message, boolean transientFailure,
    Duration refreshInterval, String targetSecret, Map<String, String> syncedVersions, String dataHash,
    WriteResult write, WorkloadRestarter.Result restarts) {

  public static SyncReport failure(String reason, String message, boolean transientFailure, Duration refresh,
      String target) {
    return new SyncReport(false, reason, message, transientFailure, refresh, target, null, null, null, null);
  }

  public boolean dataChanged() {
    return write != null && write.changedData();
  }
}
