package dev.fidelius.operator.sweep;

import dev.fidelius.operator.backend.ChangeFeed;
import dev.fidelius.operator.backend.ChangeNotice;
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
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Change detection of one backend: the interests of the resources reading it, its latest snapshot,
 * and one sweep, which asks the backend for every version its resources read in one batched,
 * version-only pass ({@link SecretBackend#currentVersions} and one {@link SecretBackend#listAll}
 * for every scope), then returns the resources whose versions changed, after letting the backend
 * read all new versions at once.
 *
 * @param <K> how resources are named
 */
final class BackendSweep<K> {

  private final SecretBackend backend;
  private final Map<K, Interest> interests = new ConcurrentHashMap<>();
  final AtomicBoolean running = new AtomicBoolean();
  private volatile VersionSnapshot snapshot;
  private volatile Instant lastSweep;
  private volatile Duration lastDuration = Duration.ZERO;

  /**
   * Whether a sweep was asked for ({@link #sweepSoon}) since the running sweep started: that sweep
   * may have read before what prompted the request, so its end must not mark the backend as swept.
   * Guarded by {@code recentNotices}.
   */
  private boolean sweepRequested;

  private volatile ChangeFeed.Subscription subscription;
  private boolean closed;

  /** A tick of the sweeper (1 s) and a sync after a sweep (about 1 s): see {@link #lead}. */
  static final Duration LEAD_ALLOWANCE = Duration.ofSeconds(2);

  /** Changes announced while a sweep runs (it may have read before them), bounded. */
  private static final int MAX_NOTICES_DURING_SWEEP = 1000;

  private final List<ChangeNotice> recentNotices = new ArrayList<>();
  private boolean recentOverflow;
  private Instant sweepStarted;

  /**
   * @param firstRead when the sync that first registered a resource on this backend read what it
   *     watches: the first sweep is due an interval after that, like any later one. A sweep at the
   *     next tick only read again what that sync (at a cold start, the read-ahead for thousands of
   *     resources) had just read: in a cold start of 5,000 it could re-list every Secrets Manager
   *     secret of every application whose first syncs had registered (up to 100 ListSecrets pages
   *     at 5,000 x 2 keys), and it scanned the whole Fidelius table.
   */
  BackendSweep(SecretBackend backend, Instant firstRead) {
    this.backend = backend;
    this.lastSweep = firstRead;
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

  /** How long the last completed sweep took: a snapshot is that much older when it lands. */
  Duration lastDuration() {
    return lastDuration;
  }

  void took(Duration duration) {
    lastDuration = duration;
  }

  /**
   * Due once the shortest refresh interval of its resources (never below {@code floor}) has passed;
   * while the backend's change feed is live, once its safety interval (the store's, else {@code
   * defaultSafety}) has passed if that is longer. It falls due early by {@link #lead}, so that a
   * version written just after one sweep read it is in its Secret within the interval.
   */
  boolean isDue(Instant now, Duration floor, Duration defaultSafety) {
    Duration interval =
        interests.values().stream()
            .map(Interest::refreshInterval)
            .filter(d -> !d.isZero())
            .min(Duration::compareTo)
            .orElse(null);
    if (interval == null) {
      return false; // only sync-once resources: nothing to watch
    }
    Duration effective = interval.compareTo(floor) < 0 ? floor : interval;
    Optional<ChangeFeed> feed = subscription == null ? Optional.empty() : backend.changeFeed();
    if (feed.isPresent() && feed.get().state().live()) {
      Duration safety = feed.get().safetyInterval().orElse(defaultSafety);
      if (safety.compareTo(effective) > 0) {
        effective = safety;
      }
    }
    return !lastSweep.plus(effective).minus(lead(effective)).isAfter(now);
  }

  /**
   * How early a sweep starts: as long as the last one took to read (the next one reads as late into
   * its run), plus {@link #LEAD_ALLOWANCE} for the tick that starts it and the sync that follows;
   * at most a tenth of the interval, so a slow sweep never makes sweeps run back to back. Without
   * it a rotation could wait the interval, then the next sweep's read and sync: 31 s at a 30 s
   * refreshInterval in the benchmark, where the README promises the interval.
   */
  private Duration lead(Duration interval) {
    Duration lead = lastDuration.plus(LEAD_ALLOWANCE);
    Duration cap = interval.dividedBy(10);
    return lead.compareTo(cap) > 0 ? cap : lead;
  }

  /**
   * The next tick sweeps: the change feed went live or stopped, so something may have been missed.
   */
  void sweepSoon() {
    synchronized (recentNotices) {
      sweepRequested = true;
      lastSweep = Instant.EPOCH;
    }
  }

  /** Subscribes to the backend's change feed, if it has one and this was not done yet. */
  void subscribe(ChangeFeed.ChangeListener listener) {
    synchronized (this) {
      if (subscription == null && !closed) {
        subscription = backend.changeFeed().map(f -> f.subscribe(listener)).orElse(null);
      }
    }
  }

  /** Leaves the change feed: the backend is no longer swept. */
  void closeFeed() {
    ChangeFeed.Subscription s;
    synchronized (this) {
      closed = true;
      s = subscription;
      subscription = null;
    }
    if (s != null) {
      s.close();
    }
  }

  /**
   * Drops from the snapshot what a change concerns, so that the reconciles it triggers read those
   * secrets and scopes directly instead of pinning the version the snapshot still holds. A sweep
   * running meanwhile read before the change: its result gets the same treatment ({@link #sweep}).
   */
  void invalidate(ChangeNotice notice) {
    synchronized (recentNotices) {
      if (sweepStarted != null) {
        if (recentNotices.size() >= MAX_NOTICES_DURING_SWEEP) {
          recentOverflow = true;
        } else {
          recentNotices.add(notice);
        }
      }
      VersionSnapshot current = snapshot;
      if (current != null) {
        snapshot = without(current, List.of(notice));
      }
    }
  }

  private static VersionSnapshot without(VersionSnapshot s, List<ChangeNotice> notices) {
    Map<SecretId, String> versions = new HashMap<>(s.versions());
    versions.keySet().removeIf(id -> notices.stream().anyMatch(n -> n.concerns(id)));
    Map<SecretScope, List<SecretListing>> listings = new HashMap<>(s.listings());
    listings.keySet().removeIf(scope -> notices.stream().anyMatch(n -> n.concerns(scope)));
    Set<SecretId> missing = new HashSet<>(s.missing());
    missing.removeIf(id -> notices.stream().anyMatch(n -> n.concerns(id)));
    return new VersionSnapshot(s.takenAt(), versions, listings, missing);
  }

  /**
   * A sweep's snapshot, less what changes that arrived while it ran concern; null if too many
   * arrived.
   */
  private VersionSnapshot settle(VersionSnapshot taken) {
    synchronized (recentNotices) {
      VersionSnapshot settled =
          recentOverflow
              ? null
              : recentNotices.isEmpty() ? taken : without(taken, List.copyOf(recentNotices));
      recentNotices.clear();
      recentOverflow = false;
      sweepStarted = null;
      snapshot = settled;
      return settled;
    }
  }

  /** The resources a change concerns: those reading a secret or scope it names. */
  List<K> concerned(ChangeNotice notice) {
    List<K> found = new ArrayList<>();
    interests.forEach(
        (resource, interest) -> {
          if (interest.latestIds().stream().anyMatch(notice::concerns)
              || interest.scopes().stream().anyMatch(notice::concerns)) {
            found.add(resource);
          }
        });
    return found;
  }

  /**
   * Marks a sweep as done at {@code started} even when it failed: retry at the next interval, not
   * at once.
   */
  void attempted(Instant started) {
    synchronized (recentNotices) {
      if (!sweepRequested) {
        lastSweep = started;
      }
    }
  }

  /**
   * Reads the current versions; returns the changed resources and the new versions they will read.
   */
  Result<K> sweep(Instant started) {
    synchronized (recentNotices) {
      sweepStarted = started;
      sweepRequested = false;
      recentNotices.clear();
      recentOverflow = false;
    }
    Map<K, Interest> current = Map.copyOf(interests);
    Set<SecretId> ids = new HashSet<>();
    Set<SecretScope> scopes = new HashSet<>();
    current
        .values()
        .forEach(
            i -> {
              ids.addAll(i.latestIds());
              scopes.addAll(i.scopes());
            });
    Map<SecretId, String> versions = new HashMap<>();
    Set<SecretId> missing = new HashSet<>();
    if (!ids.isEmpty()) {
      backend
          .currentVersions(ids)
          .forEach(
              (id, outcome) -> {
                if (outcome.isOk()) {
                  versions.put(id, outcome.value());
                } else if (outcome.error().kind() == ErrorKind.NOT_FOUND) {
                  missing.add(id);
                }
              });
    }
    Map<SecretScope, List<SecretListing>> listings = new HashMap<>();
    if (!scopes.isEmpty()) {
      backend
          .listAll(scopes)
          .forEach(
              (scope, listed) -> {
                if (listed.isOk()) {
                  listings.put(scope, listed.value());
                }
              });
    }
    VersionSnapshot taken = new VersionSnapshot(started, versions, listings, missing);
    settle(taken);
    attempted(started);
    List<K> changed = new ArrayList<>();
    Set<SecretRequest> newVersions = new LinkedHashSet<>();
    current.forEach(
        (resource, interest) -> {
          if (Changes.changed(interest, taken)) {
            changed.add(resource);
            newVersions.addAll(Changes.newVersions(interest, taken));
          }
        });
    return new Result<>(changed, newVersions);
  }

  record Result<K>(List<K> changed, Set<SecretRequest> newVersions) {}
}
