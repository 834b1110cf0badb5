package dev.fidelius.operator.sync;

import dev.fidelius.operator.backend.ServingRegion;
import dev.fidelius.operator.sweep.Registration;
import dev.fidelius.operator.target.WorkloadRestarter;
import dev.fidelius.operator.target.WriteResult;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one sync of a FideliusSecret found and did. {@code ready} false means nothing was written:
 * the target Secret keeps its last good data.
 *
 * @param transientFailure whether retrying may help without anyone changing anything
 * @param refreshInterval the effective interval (ZERO = sync once)
 * @param syncedVersions null when the sync failed before reading (keep the previous ones)
 * @param dataHash null when nothing was rendered
 * @param interest what the sync read, for change detection; empty when it read nothing to watch (it
 *     failed before reading, or syncs once), so the resource leaves change detection
 * @param sources one result per source read, in spec order; null when the sync failed before
 *     reading (the status then keeps the previous per-item states)
 * @param servedBy for a store with failover regions, the region that served the reads; else null
 */
public record SyncReport(
    boolean ready,
    String reason,
    String message,
    boolean transientFailure,
    Duration refreshInterval,
    String targetSecret,
    Map<String, String> syncedVersions,
    String dataHash,
    WriteResult write,
    WorkloadRestarter.Result restarts,
    Optional<Registration> interest,
    List<SourceResult> sources,
    ServingRegion servedBy) {

  public SyncReport(
      boolean ready,
      String reason,
      String message,
      boolean transientFailure,
      Duration refreshInterval,
      String targetSecret,
      Map<String, String> syncedVersions,
      String dataHash,
      WriteResult write,
      WorkloadRestarter.Result restarts,
      Optional<Registration> interest,
      List<SourceResult> sources) {
    this(
        ready,
        reason,
        message,
        transientFailure,
        refreshInterval,
        targetSecret,
        syncedVersions,
        dataHash,
        write,
        restarts,
        interest,
        sources,
        null);
  }

  public SyncReport(
      boolean ready,
      String reason,
      String message,
      boolean transientFailure,
      Duration refreshInterval,
      String targetSecret,
      Map<String, String> syncedVersions,
      String dataHash,
      WriteResult write,
      WorkloadRestarter.Result restarts,
      Optional<Registration> interest) {
    this(
        ready,
        reason,
        message,
        transientFailure,
        refreshInterval,
        targetSecret,
        syncedVersions,
        dataHash,
        write,
        restarts,
        interest,
        null);
  }

  public static SyncReport failure(
      String reason, String message, boolean transientFailure, Duration refresh, String target) {
    return new SyncReport(
        false,
        reason,
        message,
        transientFailure,
        refresh,
        target,
        null,
        null,
        null,
        null,
        Optional.empty());
  }

  /** The same report, carrying what the sync read. */
  public SyncReport reading(Optional<Registration> read) {
    return new SyncReport(
        ready,
        reason,
        message,
        transientFailure,
        refreshInterval,
        targetSecret,
        syncedVersions,
        dataHash,
        write,
        restarts,
        read,
        sources,
        servedBy);
  }

  /** The same report, carrying the per-source results. */
  public SyncReport withSources(List<SourceResult> read) {
    return new SyncReport(
        ready,
        reason,
        message,
        transientFailure,
        refreshInterval,
        targetSecret,
        syncedVersions,
        dataHash,
        write,
        restarts,
        interest,
        read,
        servedBy);
  }

  /** The same report, saying which region served its reads. */
  public SyncReport servedBy(Optional<ServingRegion> region) {
    return new SyncReport(
        ready,
        reason,
        message,
        transientFailure,
        refreshInterval,
        targetSecret,
        syncedVersions,
        dataHash,
        write,
        restarts,
        interest,
        sources,
        region.orElse(null));
  }

  public boolean dataChanged() {
    return write != null && write.changedData();
  }
}
