package dev.fidelius.operator.sweep;

import dev.fidelius.operator.backend.Outcome;
import dev.fidelius.operator.backend.SecretBackend;
import dev.fidelius.operator.backend.SecretId;
import dev.fidelius.operator.backend.SecretListing;
import dev.fidelius.operator.backend.SecretRequest;
import dev.fidelius.operator.backend.SecretScope;
import dev.fidelius.operator.backend.VersionSelector;
import java.time.Clock;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Change detection shared across resources: for each backend (store + identity) in use, one sweep per
 * interval asks the backend for the current versions of every secret any FideliusSecret reads (one batched,
 * version-only pass: ListSecrets pages, or DynamoDB version queries / one projection scan), and triggers only
 * the resources whose versions changed, after handing the backend every new version at once so that it can
 * batch their reads ({@link SecretBackend#prefetch}). The interval of a backend is the shortest refreshInterval
 * among its resources, so a resource's refreshInterval bounds how stale it gets, not how many calls it makes.
 *
 * <p>Never lets an exception escape a sweep: a failed sweep leaves the previous snapshot in place and is
 * retried on the next tick.
 */
public final class ChangeSweeper implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ChangeSweeper.class);

  private final Clock clock;
  private final Duration minInterval;
  private final Consumer<Object> trigger;
  private final Map<String, BackendState> backends = new ConcurrentHashMap<>();
  private final ScheduledExecutorService ticker;
  private final ExecutorService workers;
  private volatile Predicate<Object> stillExists = resource -> true;

  /**
   * @param trigger asks for a reconcile of a resource (its key as registered)
   * @param minInterval floor for sweep intervals
   */
  public ChangeSweeper(Consumer<Object> trigger, Duration minInterval, Clock clock, int threads) {
    this.trigger = trigger;
    this.minInterval = minInterval;
    this.clock = clock;
    this.ticker = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "fidelius-sweep-tick"));
    this.workers = Executors.newFixedThreadPool(threads, r -> daemon(r, "fidelius-sweep"));
  }

  /**
   * How to tell whether a registered resource still exists. Deleted resources get no reconcile (the operator
   * uses no finalizers), so each sweep drops the interests of resources that are gone instead of watching
   * their secrets forever.
   */
  public void setLiveness(Predicate<Object> stillExists) {
    this.stillExists = stillExists;
  }

  /** Starts ticking: each tick starts the sweeps that are due. */
  public void start(Duration tick) {
    ticker.scheduleWithFixedDelay(this::tickSafely, tick.toMillis(), tick.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Records what a resource reads from a backend, replacing what it read before (from any backend). */
  public void register(String backendKey, SecretBackend backend, Object resourceKey, Interest interest) {
    backends.forEach((key, state) -> {
      if (!key.equals(backendKey)) {
        state.interests.remove(resourceKey);
      }
    });
    backends.computeIfAbsent(backendKey, k -> new BackendState(backend)).interests.put(resourceKey, interest);
    backends.values().removeIf(s -> s.interests.isEmpty());
  }

  /** Forgets a deleted resource. */
  public void unregister(Object resourceKey) {
    backends.values().forEach(s -> s.interests.remove(resourceKey));
    backends.values().removeIf(s -> s.interests.isEmpty());
  }

  /** The latest snapshot of a backend, if any sweep completed. */
  public Optional<VersionSnapshot> snapshot(String backendKey) {
    BackendState state = backends.get(backendKey);
    return state == null ? Optional.empty() : Optional.ofNullable(state.snapshot);
  }

  /**
   * The latest snapshot of a backend while sweeps keep it current for a resource refreshed every
   * {@code refresh}: up to two intervals old. The next sweep starts only once the last one is an interval old
   * (plus up to a tick) and then takes its time, so a reconcile falling due in between must still use the
   * snapshot; with one interval as the limit, every periodic reconcile in that gap read AWS itself. An older
   * snapshot means sweeps are failing: the caller reads AWS directly. Empty for sync-once resources
   * ({@code refresh} zero), which are not swept.
   */
  public Optional<VersionSnapshot> currentSnapshot(String backendKey, Duration refresh) {
    if (refresh.isZero()) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    return snapshot(backendKey).filter(s -> s.fresherThan(refresh.multipliedBy(2), now));
  }

  public int backendCount() {
    return backends.size();
  }

  /** Runs every due sweep now, on the calling thread (for tests and benchmarks). */
  public void sweepDueNow() {
    Instant now = clock.instant();
    backends.forEach((key, state) -> {
      if (state.isDue(now, minInterval)) {
        sweep(key, state);
      }
    });
  }

  /** Sweeps every backend now regardless of interval, on the calling thread. */
  public void sweepAllNow() {
    backends.forEach(this::sweep);
  }

  private void tickSafely() {
    try {
      Instant now = clock.instant();
      backends.forEach((key, state) -> {
        if (state.isDue(now, minInterval) && state.running.compareAndSet(false, true)) {
          workers.execute(() -> {
            try {
              sweep(key, state);
            } finally {
              state.running.set(false);
            }
          });
        }
      });
    } catch (RuntimeException e) {
      LOG.warn("change-detection tick failed: {}", e.toString());
    }
  }

  private void sweep(String backendKey, BackendState state) {
    Instant started = clock.instant();
    try {
      state.interests.keySet().removeIf(resource -> !stillExists.test(resource));
      Map<Object, Interest> interests = Map.copyOf(state.interests);
      Set<SecretId> ids = new HashSet<>();
      Set<SecretScope> scopes = new HashSet<>();
      interests.values().forEach(i -> {
        ids.addAll(i.latestIds());
        scopes.addAll(i.scopes());
      });
      Map<SecretId, String> versions = new HashMap<>();
      if (!ids.isEmpty()) {
        state.backend.currentVersions(ids).forEach((id, outcome) -> {
          if (outcome.isOk()) {
            versions.put(id, outcome.value());
          }
        });
      }
      Map<SecretScope, List<SecretListing>> listings = new HashMap<>();
      for (SecretScope scope : scopes) {
        Outcome<List<SecretListing>> listed = state.backend.list(scope);
        if (listed.isOk()) {
          listings.put(scope, listed.value());
        }
      }
      VersionSnapshot snapshot = new VersionSnapshot(started, versions, listings);
      state.snapshot = snapshot;
      state.lastSweep = started;
      List<Object> changedResources = new ArrayList<>();
      Set<SecretRequest> newVersions = new LinkedHashSet<>();
      interests.forEach((resource, interest) -> {
        if (changed(interest, snapshot)) {
          changedResources.add(resource);
          newVersions.addAll(newVersions(interest, snapshot));
        }
      });
      prefetch(backendKey, state.backend, newVersions);
      changedResources.forEach(trigger);
    } catch (RuntimeException e) {
      state.lastSweep = started; // retry at the next interval, not in a hot loop
      LOG.warn("change detection for backend {} failed: {}", safeKey(backendKey), e.getClass().getSimpleName());
    }
  }

  /**
   * The exact versions a triggered reconcile of this resource will read: the snapshot's version of each
   * secret it reads at latest, and of each secret it synced from a scope, where they moved. (Names new to a
   * scope are left to the reconcile: a dataFrom.find regex may not want them.)
   */
  static Set<SecretRequest> newVersions(Interest interest, VersionSnapshot snapshot) {
    Set<SecretRequest> requests = new LinkedHashSet<>();
    for (SecretId id : interest.latestIds()) {
      snapshot.version(id)
          .filter(now -> !now.equals(interest.syncedVersions().get(id)))
          .ifPresent(now -> requests.add(new SecretRequest(id, VersionSelector.exact(now))));
    }
    for (SecretScope scope : interest.scopes()) {
      for (SecretListing l : snapshot.listing(scope).orElse(List.of())) {
        String synced = interest.syncedVersions().get(l.id());
        if (synced != null && !synced.equals(l.currentVersion())) {
          requests.add(new SecretRequest(l.id(), VersionSelector.exact(l.currentVersion())));
        }
      }
    }
    return requests;
  }

  /** Lets the backend batch the reads the triggered reconciles are about to make; a failure only costs calls. */
  private static void prefetch(String backendKey, SecretBackend backend, Set<SecretRequest> newVersions) {
    if (newVersions.isEmpty()) {
      return;
    }
    try {
      backend.prefetch(newVersions);
    } catch (RuntimeException e) {
      LOG.warn("reading {} new versions ahead for backend {} failed: {}", newVersions.size(), safeKey(backendKey),
          e.getClass().getSimpleName());
    }
  }

  static boolean changed(Interest interest, VersionSnapshot snapshot) {
    for (SecretId id : interest.latestIds()) {
      Optional<String> now = snapshot.version(id);
      String synced = interest.syncedVersions().get(id);
      if (now.isPresent() && !now.get().equals(synced)) {
        return true;
      }
    }
    for (SecretScope scope : interest.scopes()) {
      Optional<List<SecretListing>> listing = snapshot.listing(scope);
      if (listing.isEmpty()) {
        continue;
      }
      Set<String> names = listing.get().stream().map(l -> l.id().name()).collect(Collectors.toSet());
      if (!names.equals(interest.syncedScopeNames().getOrDefault(scope, Set.of()))) {
        return true;
      }
      for (SecretListing l : listing.get()) {
        String synced = interest.syncedVersions().get(l.id());
        if (synced != null && !synced.equals(l.currentVersion())) {
          return true;
        }
      }
    }
    return false;
  }

  private static String safeKey(String backendKey) {
    int bar = backendKey.indexOf('|');
    return bar < 0 ? backendKey : backendKey.substring(0, bar);
  }

  @Override
  public void close() {
    ticker.shutdownNow();
    workers.shutdownNow();
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  private static final class BackendState {
    final SecretBackend backend;
    final Map<Object, Interest> interests = new ConcurrentHashMap<>();
    final java.util.concurrent.atomic.AtomicBoolean running = new java.util.concurrent.atomic.AtomicBoolean();
    volatile VersionSnapshot snapshot;
    volatile Instant lastSweep = Instant.EPOCH;

    BackendState(SecretBackend backend) {
      this.backend = backend;
    }

    boolean isDue(Instant now, Duration floor) {
      Duration interval = interests.values().stream()
          .map(Interest::refreshInterval)
          .filter(d -> !d.isZero())
          .min(Duration::compareTo)
          .orElse(null);
      if (interval == null) {
        return false; // only sync-once resources: nothing to watch
      }
      if (interval.compareTo(floor) < 0) {
        interval = floor;
      }
      return !lastSweep.plus(interval).isAfter(now);
    }
  }
}
