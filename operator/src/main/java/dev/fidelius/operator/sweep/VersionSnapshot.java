package dev.fidelius.operator.sweep;

import dev.fidelius.operator.backend.SecretId;
import dev.fidelius.operator.backend.SecretListing;
import dev.fidelius.operator.backend.SecretScope;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The current versions one sweep saw in one backend. Secrets that failed or were missing in the sweep are
 * absent: a reconcile then reads them directly, with strong consistency.
 */
public record VersionSnapshot(Instant takenAt, Map<SecretId, String> versions,
    Map<SecretScope, List<SecretListing>> listings) {

  public VersionSnapshot {
    versions = Map.copyOf(versions);
    listings = Map.copyOf(listings);
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
}
