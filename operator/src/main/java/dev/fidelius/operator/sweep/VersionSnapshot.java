package dev.fidelius.operator.sweep;

import dev.fidelius.operator.backend.SecretId;
import dev.fidelius.operator.backend.SecretListing;
import dev.fidelius.operator.backend.SecretScope;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The current versions one sweep saw in one backend. Secrets that failed in the sweep are absent: a
 * reconcile then reads them directly, with strong consistency. Secrets the backend said do not
 * exist are in {@code missing}, so that reconciles need not ask again before the next sweep (which
 * notices them as soon as they exist).
 */
public record VersionSnapshot(
    Instant takenAt,
    Map<SecretId, String> versions,
    Map<SecretScope, List<SecretListing>> listings,
    Set<SecretId> missing) {

  public VersionSnapshot {
    versions = Map.copyOf(versions);
    listings = Map.copyOf(listings);
    missing = Set.copyOf(missing);
  }

  public VersionSnapshot(
      Instant takenAt,
      Map<SecretId, String> versions,
      Map<SecretScope, List<SecretListing>> listings) {
    this(takenAt, versions, listings, Set.of());
  }

  public boolean fresherThan(Duration maxAge, Instant now) {
    return !takenAt.plus(maxAge).isBefore(now);
  }

  public Optional<String> version(SecretId id) {
    return Optional.ofNullable(versions.get(id));
  }

  public Optional<List<SecretListing>> listing(SecretScope scope) {
    return Optional.ofNullable(listings.get(scope));
  }

  /**
   * This snapshot with the versions (and missing secrets) of {@code other} for the secrets this one
   * does not know, taken at the older of the two times (so that nothing it answers is trusted as
   * newer than it is).
   */
  public VersionSnapshot completedBy(VersionSnapshot other) {
    Map<SecretId, String> merged = new HashMap<>(other.versions);
    Set<SecretId> mergedMissing = new HashSet<>(other.missing);
    merged.keySet().removeAll(missing);
    mergedMissing.removeAll(versions.keySet());
    merged.putAll(versions);
    mergedMissing.addAll(missing);
    return new VersionSnapshot(
        takenAt.isBefore(other.takenAt) ? takenAt : other.takenAt, merged, listings, mergedMissing);
  }

  /** Whether the sweep found that the secret does not exist. */
  public boolean knownMissing(SecretId id) {
    return missing.contains(id);
  }
}
