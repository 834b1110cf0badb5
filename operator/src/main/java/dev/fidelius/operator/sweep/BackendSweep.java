package dev.fidelius.operator.sweep;

import dev.fidelius.operator.backend.ErrorKind;
import dev.fidelius.operator.backend.SecretBackend;
import dev.fidelius.operator.backend.SecretId;
import dev.fidelius.operator.backend.SecretListing;
import dev.fidelius.operator.backend.SecretRequest;
import dev.fidelius.operator.backend.SecretScope;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Change detection of one backend: the interests of the resources reading it, its latest snapshot, and one
 * sweep, which asks the backend for every version its resources read in one batched, version-only pass
 * ({@link SecretBackend#currentVersions} and one {@link SecretBackend#listAll} for every scope), then returns
 * the resources whose versions changed, after letting the backend read all new versions at once.
 *
 * @param <K> how resources are named
 */
final class BackendSweep<K> {

  private final SecretBackend backend;
  private final Map<K, Interest> interests = new ConcurrentHashMap<>();
  final AtomicBoolean running = new AtomicBoolean();
  private volatile VersionSnapshot snapshot;
  private volatile Instant lastSweep = Instant.EPOCH;

  BackendSweep(SecretBackend backend) {
    this.backend = backend;
  }

  SecretBackend backend() {
    return backend;
  }

  Map<K, Interest> interests() {
    return interests;
  }

  VersionSnapshot snapshot() {
    return snapshot;
  }

  /** Due once the shortest refresh interval of its resources (never below {@code floor}) has passed. */
  boolean isDue(Instant now, Duration floor) {
    Duration interval = interests.values().stream()
        .map(Interest::refreshInterval)
        .filter(d -> !d.isZero())
        .min(Duration::compareTo)
        .orElse(null);
    if (interval == null) {
      return false; // only sync-once resources: nothing to watch
    }
    return !lastSweep.plus(interval.compareTo(floor) < 0 ? floor : interval).isAfter(now);
  }

  /** Marks a sweep as done at {@code started} even when it failed: retry at the next interval, not at once. */
  void attempted(Instant started) {
    lastSweep = started;
  }

  /** Reads the current versions; returns the changed resources and the new versions they will read. */
  Result<K> sweep(Instant started) {
    Map<K, Interest> current = Map.copyOf(interests);
    Set<SecretId> ids = new HashSet<>();
    Set<SecretScope> scopes = new HashSet<>();
    current.values().forEach(i -> {
      ids.addAll(i.latestIds());
      scopes.addAll(i.scopes());
    });
    Map<SecretId, String> versions = new HashMap<>();
    Set<SecretId> missing = new HashSet<>();
    if (!ids.isEmpty()) {
      backend.currentVersions(ids).forEach((id, outcome) -> {
        if (outcome.isOk()) {
          versions.put(id, outcome.value());
        } else if (outcome.error().kind() == ErrorKind.NOT_FOUND) {
          missing.add(id);
        }
      });
    }
    Map<SecretScope, List<SecretListing>> listings = new HashMap<>();
    if (!scopes.isEmpty()) {
      backend.listAll(scopes).forEach((scope, listed) -> {
        if (listed.isOk()) {
          listings.put(scope, listed.value());
        }
      });
    }
    VersionSnapshot taken = new VersionSnapshot(started, versions, listings, missing);
    snapshot = taken;
    lastSweep = started;
    List<K> changed = new ArrayList<>();
    Set<SecretRequest> newVersions = new LinkedHashSet<>();
    current.forEach((resource, interest) -> {
      if (Changes.changed(interest, taken)) {
        changed.add(resource);
        newVersions.addAll(Changes.newVersions(interest, taken));
      }
    });
    return new Result<>(changed, newVersions);
  }

  record Result<K>(List<K> changed, Set<SecretRequest> newVersions) {}
}
