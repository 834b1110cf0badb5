package dev.fidelius.operator.sync;

import dev.fidelius.operator.api.FideliusSecretStatus;
import dev.fidelius.operator.api.SourceItemStatus;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a FideliusSecret synced last, from its status: short secret name -> version, and when.
 *
 * @param syncedAt when the last successful sync completed, or null when it never did
 * @param updatedOn short secret name -> when the store says the synced version was written, where
 *     it says so (to tell an older version from a newer one across regions)
 * @param region the region that served the last sync, for a store with failover regions; else null
 */
public record PriorSync(
    Map<String, String> versions, Instant syncedAt, Map<String, Instant> updatedOn, String region) {

  public static final PriorSync NONE = new PriorSync(Map.of(), null);

  public PriorSync {
    versions = versions == null ? Map.of() : Map.copyOf(versions);
    updatedOn = updatedOn == null ? Map.of() : Map.copyOf(updatedOn);
  }

  public PriorSync(Map<String, String> versions, Instant syncedAt) {
    this(versions, syncedAt, Map.of(), null);
  }

  /**
   * The last sync, from status. lastRefreshTime is stamped after that sync's reads, so a snapshot
   * taken after it was taken after those reads.
   */
  static PriorSync fromStatus(FideliusSecretStatus status) {
    if (status == null || status.getLastRefreshTime() == null) {
      return NONE;
    }
    try {
      return new PriorSync(
          status.getSyncedVersions(),
          Instant.parse(status.getLastRefreshTime()),
          updatedOnFromStatus(status.getItems()),
          status.getServedBy() == null ? null : status.getServedBy().getRegion());
    } catch (DateTimeParseException e) {
      return NONE;
    }
  }

  /** When each source's version was written, from a sync's own results. */
  static Map<String, Instant> updatedOn(List<SourceResult> sources) {
    Map<String, Instant> updatedOn = new HashMap<>();
    for (SourceResult source : sources) {
      if (source.ok() && source.updatedOn() != null) {
        updatedOn.put(source.name(), source.updatedOn());
      }
    }
    return updatedOn;
  }

  private static Map<String, Instant> updatedOnFromStatus(List<SourceItemStatus> items) {
    Map<String, Instant> updatedOn = new HashMap<>();
    if (items == null) {
      return updatedOn;
    }
    for (SourceItemStatus item : items) {
      if (item.getName() != null && item.getUpdatedOn() != null && item.getVersion() != null) {
        try {
          updatedOn.put(item.getName(), Instant.parse(item.getUpdatedOn()));
        } catch (DateTimeParseException e) {
          // not a time this operator wrote: the version is compared without it
        }
      }
    }
    return updatedOn;
  }
}
