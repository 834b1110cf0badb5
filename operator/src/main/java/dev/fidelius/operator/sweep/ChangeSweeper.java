package dev.fidelius.operator.sweep;

import dev.fidelius.operator.backend.ChangeFeed;
import dev.fidelius.operator.backend.ChangeNotice;
import dev.fidelius.operator.backend.FeedState;
import dev.fidelius.operator.backend.SecretBackend;
import dev.fidelius.operator.backend.SecretRequest;
import dev.fidelius.operator.store.BackendKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Change detection shared across resources: for each backend (store + identity) in use, one sweep
 * per interval asks the backend for the current versions of every secret any resource reads, and
 * triggers only the resources whose versions changed, after handing the backend every new version
 * at once so that it can batch their reads ({@link SecretBackend#prefetch}). The interval of a
 * backend is the shortest refreshInterval among its resources, so a resource's refreshInterval
 * bounds how stale it gets, not how many calls it makes.
 *
 * <p>Each resource's interest is what its last sync read ({@link #track}); a deleted resource is
 * {@link #forget forgotten}. A backend no resource reads any more is dropped and reported to {@code
 * idle}. Never lets an exception escape a sweep or a trigger: a failed sweep leaves the previous
 * snapshot in place and is retried at the next interval.
 *
 * @param <K> how resources are named
 */
public final class ChangeSweeper<K> implements SnapshotSource, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ChangeSweeper.class);

  /** The safety interval when neither the store nor the operator's configuration sets one. */
  public static final Duration DEFAULT_SAFETY_INTERVAL = Duration.ofMinutes(10);

  private final Clock clock;
  private final Duration minInterval;
  private final Duration defaultSafetyInterval;
  private final Consumer<K> trigger;
  private final Consumer<BackendKey> idle;
  private final Map<BackendKey, BackendSweep<K>> backends = new ConcurrentHashMap<>();
  private final List<Consumer<BackendKey>> feedStateListeners = new CopyOnWriteArrayList<>();
  private final ScheduledExecutorService ticker;
  private final ExecutorService workers;

  /**
   * @param trigger asks for a reconcile of a resource whose versions changed
   * @param idle told of a backend no resource reads any more
   * @param minInterval floor for sweep intervals
   */
  public ChangeSweeper(
      Consumer<K> trigger,
      Consumer<BackendKey> idle,
      Duration minInterval,
      Clock clock,
      int threads) {
    this(trigger, idle, minInterval, DEFAULT_SAFETY_INTERVAL, clock, threads);
  }

  /**
   * @param defaultSafetyInterval how often to sweep a backend whose change feed is live, when its
   *     store sets no safetyInterval
   */
  public ChangeSweeper(
      Consumer<K> trigger,
      Consumer<BackendKey> idle,
      Duration minInterval,
      Duration defaultSafetyInterval,
      Clock clock,
      int threads) {
    this.trigger = trigger;
    this.idle = idle;
    this.minInterval = minInterval;
    this.defaultSafetyInterval = defaultSafetyInterval;
    this.clock = clock;
    this.ticker = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "fidelius-sweep-tick"));
    this.workers = Executors.newFixedThreadPool(threads, r -> daemon(r, "fidelius-sweep"));
  }

  /** Starts ticking: each tick starts the sweeps that are due. */
  public void start(Duration tick) {
    ticker.scheduleWithFixedDelay(
        this::tickSafely, tick.toMillis(), tick.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * Records what a resource's last sync read, replacing what it read before (from any backend);
   * empty when it reads nothing to watch (it failed before reading, or syncs once).
   */
  public void track(K resource, Optional<Registration> registration) {
    registration.ifPresentOrElse(
        r -> {
          backends.forEach(
              (key, state) -> {
                if (!key.equals(r.key())) {
                  state.interests().remove(resource);
                }
              });
          BackendSweep<K> tracked =
              backends.compute(
                  r.key(),
                  (k, state) -> {
                    BackendSweep<K> s =
                        state == null ? new BackendSweep<>(r.backend(), clock.instant()) : state;
                    s.interests().put(resource, r.interest());
                    return s;
                  });
          subscribeSafely(r.key(), tracked);
          dropIdleBackends();
        },
        () -> forget(resource));
  }

  /** Forgets a resource: deleted, or no longer reading anything to watch. */
  public void forget(K resource) {
    backends.values().forEach(s -> s.interests().remove(resource));
    dropIdleBackends();
  }

  /** The latest snapshot of a backend, if any sweep completed. */
  public Optional<VersionSnapshot> snapshot(BackendKey key) {
    BackendSweep<K> state = backends.get(key);
    return state == null ? Optional.empty() : Optional.ofNullable(state.snapshot());
  }

  /**
   * Up to two intervals plus two sweep durations old: the next sweep starts only once the last one
   * is an interval old (plus up to a tick) and then takes as long as the last one did, so a
   * reconcile falling due in between must still use the snapshot; with one interval as the limit,
   * every periodic reconcile in that gap read AWS itself, and a sweep slower than the interval (a
   * big store, a slow emulator) left every reconcile reading AWS, which slowed the sweep further.
   * An older snapshot means sweeps are failing: the caller reads AWS directly.
   */
  @Override
  public Optional<VersionSnapshot> currentSnapshot(BackendKey key, Duration refresh) {
    BackendSweep<K> state = backends.get(key);
    if (refresh.isZero() || state == null) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    Duration maxAge = refresh.plus(state.lastDuration()).multipliedBy(2);
    return Optional.ofNullable(state.snapshot()).filter(s -> s.fresherThan(maxAge, now));
  }

  /**
   * The resources a change a store announced concerns, through {@code key}: those whose last sync
   * read a secret or scope the change names. Looks them up in the interests this sweeper keeps (no
   * second index).
   */
  public List<K> resourcesConcerned(BackendKey key, ChangeNotice notice) {
    BackendSweep<K> state = backends.get(key);
    return state == null ? List.of() : state.concerned(notice);
  }

  /**
   * How the change feed of a backend in use fares; empty when the backend has none (polling only).
   */
  public Optional<FeedState> feedState(BackendKey key) {
    BackendSweep<K> state = backends.get(key);
    return state == null ? Optional.empty() : state.backend().changeFeed().map(ChangeFeed::state);
  }

  /**
   * Also told, on the feed's thread, when a backend's change feed goes live or stops: the store's
   * status says so without waiting for its next periodic check.
   */
  public void onFeedStateChanged(Consumer<BackendKey> listener) {
    feedStateListeners.add(listener);
  }

  /** Every backend in use, for status and metrics. */
  public Set<BackendKey> backendKeys() {
    return Set.copyOf(backends.keySet());
  }

  public int backendCount() {
    return backends.size();
  }

  /** How many resources are tracked (for tests: deleted resources must not stay). */
  public int resourceCount() {
    return backends.values().stream().mapToInt(s -> s.interests().size()).sum();
  }

  /** Sweeps every backend now regardless of interval, on the calling thread. */
  public void sweepAllNow() {
    backends.forEach(this::sweepSafely);
  }

  private void tickSafely() {
    try {
      Instant now = clock.instant();
      backends.forEach(
          (key, state) -> {
            if (state.isDue(now, minInterval, defaultSafetyInterval)
                && state.running.compareAndSet(false, true)) {
              workers.execute(
                  () -> {
                    try {
                      sweepSafely(key, state);
                    } finally {
                      state.running.set(false);
                    }
                  });
            }
          });
    } catch (RuntimeException e) {
      LOG.warn("change-detection tick failed: {}", e.getClass().getSimpleName());
    }
  }

  private void sweepSafely(BackendKey key, BackendSweep<K> state) {
    Instant started = clock.instant();
    try {
      BackendSweep.Result<K> result = state.sweep(started);
      state.took(Duration.between(started, clock.instant()));
      prefetch(key, state.backend(), result.newVersions());
      result.changed().forEach(this::triggerSafely);
    } catch (RuntimeException e) {
      state.attempted(started);
      LOG.warn("change detection for {} failed: {}", key, e.getClass().getSimpleName());
    }
  }

  private void subscribeSafely(BackendKey key, BackendSweep<K> state) {
    try {
      state.subscribe(new FeedRouter<>(key, state, this::triggerSafely, this::feedStateChanged));
    } catch (RuntimeException e) {
      LOG.warn(
          "subscribing to the change feed of {} failed: {}", key, e.getClass().getSimpleName());
    }
  }

  private void feedStateChanged(BackendKey key) {
    for (Consumer<BackendKey> listener : feedStateListeners) {
      try {
        listener.accept(key);
      } catch (RuntimeException e) {
        LOG.warn("telling of {}'s change feed failed: {}", key, e.getClass().getSimpleName());
      }
    }
  }

  private void triggerSafely(K resource) {
    try {
      trigger.accept(resource);
    } catch (RuntimeException e) {
      LOG.warn("triggering a reconcile after a change failed: {}", e.getClass().getSimpleName());
    }
  }

  /**
   * Lets the backend batch the reads the triggered reconciles are about to make; a failure only
   * costs calls.
   */
  private static void prefetch(
      BackendKey key, SecretBackend backend, Set<SecretRequest> newVersions) {
    if (newVersions.isEmpty()) {
      return;
    }
    try {
      backend.prefetch(newVersions);
    } catch (RuntimeException e) {
      LOG.warn(
          "reading {} new versions ahead for {} failed: {}",
          newVersions.size(),
          key,
          e.getClass().getSimpleName());
    }
  }

  /**
   * Per key and atomic with {@link #track}'s update, so a backend just registered is never dropped.
   */
  private void dropIdleBackends() {
    for (BackendKey key : Set.copyOf(backends.keySet())) {
      boolean[] dropped = {false};
      List<BackendSweep<K>> droppedState = new ArrayList<>(1);
      backends.computeIfPresent(
          key,
          (k, state) -> {
            dropped[0] = state.interests().isEmpty();
            if (dropped[0]) {
              droppedState.add(state);
            }
            return dropped[0] ? null : state;
          });
      if (dropped[0]) {
        droppedState.forEach(s -> closeFeedSafely(key, s));
        try {
          idle.accept(key);
        } catch (RuntimeException e) {
          LOG.warn("evicting idle backend {} failed: {}", key, e.getClass().getSimpleName());
        }
      }
    }
  }

  private static void closeFeedSafely(BackendKey key, BackendSweep<?> state) {
    try {
      state.closeFeed();
    } catch (RuntimeException e) {
      LOG.warn("leaving the change feed of {} failed: {}", key, e.getClass().getSimpleName());
    }
  }

  @Override
  public void close() {
    ticker.shutdownNow();
    workers.shutdownNow();
    backends.forEach(ChangeSweeper::closeFeedSafely);
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }
}
