package dev.fidelius.operator.sync;

import dev.fidelius.operator.aws.AwsIdentity;
import dev.fidelius.operator.backend.ErrorKind;
import dev.fidelius.operator.backend.Outcome;
import dev.fidelius.operator.backend.SecretId;
import dev.fidelius.operator.backend.SecretRequest;
import dev.fidelius.operator.backend.SecretValue;
import dev.fidelius.operator.backend.VersionSelector;
import dev.fidelius.operator.store.BackendKey;
import dev.fidelius.operator.store.BackendRegistry;
import dev.fidelius.operator.store.IdentityResolver;
import dev.fidelius.operator.sweep.VersionSnapshot;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads ahead for FideliusSecrets that wait for their first sync, as at a cold start: while the
 * reconcile threads sync one resource after another (each waiting for its AWS reads, then its two
 * API writes), one thread reads the secrets of those still queued, {@link #RESOURCES_PER_READ}
 * resources at a time, so that their reads share batch calls (Secrets Manager 20 ids a call, the
 * Fidelius store a scan and BatchGetItem of 100) and their syncs find the values already read.
 *
 * <p>What it read answers only first syncs, like a sweep's snapshot does ({@link #snapshotFor}):
 * the version a latest read found becomes the version the sync reads, which the value cache then
 * serves without a call. A sync that already synced, a forced sync, or one after {@link #KEEP}
 * reads for itself. Authority is the sync's own: each resource is validated (spec bounds, the
 * store's access rules) and read through the backend of its store and identity, exactly as its sync
 * would; a resource that fails any of that is left to its sync. Nothing is written here.
 *
 * <p>Cost: never more than the syncs would have read (each resource once; a read that fails is not
 * repeated), and bounded memory ({@link #MAX_VERSIONS} versions, dropped after {@link #KEEP}).
 */
public final class FirstReadAhead implements AutoCloseable {

  /** Resources whose reads are made together, in one backend call per backend. */
  static final int RESOURCES_PER_READ = 100;

  /** How long what was read answers first syncs. */
  static final Duration KEEP = Duration.ofMinutes(2);

  /** Versions held at most (about 100 bytes each); past it, reading ahead pauses. */
  static final int MAX_VERSIONS = 100_000;

  /** The least time between the starts of two runs. */
  static final Duration MIN_RUN_SPACING = Duration.ofSeconds(1);

  private static final Logger LOG = LoggerFactory.getLogger(FirstReadAhead.class);

  private record Prefetched(String version, Instant readAt, boolean missing) {}

  private final SyncValidator validator;
  private final IdentityResolver identities;
  private final BackendRegistry backends;
  private final Clock clock;
  private final ExecutorService worker;
  private final AtomicBoolean running = new AtomicBoolean();
  private final AtomicBoolean again = new AtomicBoolean();
  private final Map<BackendKey, Map<SecretId, Prefetched>> prefetched = new ConcurrentHashMap<>();

  /** Resources read ahead (by uid) and when, oldest first, so that each is read once. */
  private final Map<String, Instant> done = Collections.synchronizedMap(new LinkedHashMap<>());

  public FirstReadAhead(
      SyncValidator validator, IdentityResolver identities, BackendRegistry backends, Clock clock) {
    this.validator = validator;
    this.identities = identities;
    this.backends = backends;
    this.clock = clock;
    this.worker =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "fidelius-read-ahead");
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * A resource started its first sync: read ahead for the others still waiting, unless that is
   * under way already (it then looks once more when done). Cheap; never blocks the caller.
   *
   * @param waiting the requests of the resources waiting for their first sync, from the informer's
   *     cache, of those whose uid the given test accepts (the others were read ahead already: their
   *     requests need not be built)
   * @param syncedSince whether a listed resource has had its first sync since it was listed: it is
   *     then skipped (at a cold start on a slow store the syncs can overtake the read-ahead, and
   *     reading for them would only add load)
   */
  public void kick(
      Function<Predicate<String>, Collection<SyncRequest>> waiting,
      Predicate<SyncRequest> syncedSince) {
    again.set(true);
    if (running.compareAndSet(false, true)) {
      try {
        worker.execute(() -> runWhileKicked(waiting, syncedSince));
      } catch (RuntimeException rejected) { // shut down
        running.set(false);
      }
    }
  }

  /**
   * What was read ahead for these secrets of this backend, as a snapshot a first sync may pin its
   * latest reads to (see {@code SecretCollector.pinToSnapshot}); empty when nothing fresh is known.
   */
  public Optional<VersionSnapshot> snapshotFor(BackendKey backend, Collection<SecretId> ids) {
    Map<SecretId, Prefetched> known = prefetched.get(backend);
    if (known == null || ids.isEmpty()) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    Map<SecretId, String> versions = new HashMap<>();
    Set<SecretId> missing = new HashSet<>();
    Instant oldest = null;
    for (SecretId id : ids) {
      Prefetched p = known.get(id);
      if (p == null || !now.isBefore(p.readAt().plus(KEEP))) {
        continue;
      }
      if (p.missing()) {
        missing.add(id);
      } else {
        versions.put(id, p.version());
      }
      oldest = oldest == null || p.readAt().isBefore(oldest) ? p.readAt() : oldest;
    }
    return oldest == null
        ? Optional.empty()
        : Optional.of(new VersionSnapshot(oldest, versions, Map.of(), missing));
  }

  /** Versions held now, for tests and the memory bound. */
  int size() {
    return prefetched.values().stream().mapToInt(Map::size).sum();
  }

  @Override
  public void close() {
    worker.shutdownNow();
  }

  private void runWhileKicked(
      Function<Predicate<String>, Collection<SyncRequest>> waiting,
      Predicate<SyncRequest> syncedSince) {
    try {
      while (again.getAndSet(false) && !Thread.currentThread().isInterrupted()) {
        long started = System.nanoTime();
        forgetExpired();
        readAheadFor(waiting.apply(uid -> uid != null && !done.containsKey(uid)), syncedSince);
        pace(started);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // closing
    } catch (RuntimeException e) {
      LOG.warn("reading ahead failed, first syncs read for themselves: {}", e.getClass());
    } finally {
      running.set(false);
      if (again.get() && running.compareAndSet(false, true)) {
        try {
          // kicked between the loop and here
          worker.execute(() -> runWhileKicked(waiting, syncedSince));
        } catch (RuntimeException rejected) {
          running.set(false);
        }
      }
    }
  }

  /**
   * Runs start at most once per {@link #MIN_RUN_SPACING}: each lists the informer's cache, and the
   * first syncs that kick it come by the thousand at a cold start.
   */
  private static void pace(long startedNanos) throws InterruptedException {
    long left = MIN_RUN_SPACING.toNanos() - (System.nanoTime() - startedNanos);
    if (left > 0) {
      TimeUnit.NANOSECONDS.sleep(left);
    }
  }

  private void readAheadFor(Collection<SyncRequest> waiting, Predicate<SyncRequest> syncedSince) {
    List<SyncRequest> chunk = new ArrayList<>(RESOURCES_PER_READ);
    for (SyncRequest request : waiting) {
      if (Thread.currentThread().isInterrupted() || size() >= MAX_VERSIONS) {
        return;
      }
      if (request.uid() == null || done.containsKey(request.uid()) || syncedSince.test(request)) {
        continue;
      }
      done.put(request.uid(), clock.instant());
      chunk.add(request);
      if (chunk.size() == RESOURCES_PER_READ) {
        read(chunk);
        chunk.clear();
      }
    }
    if (!chunk.isEmpty()) {
      read(chunk);
    }
  }

  /** One read per backend for the chunk's resources that a sync would read from. */
  private void read(List<SyncRequest> chunk) {
    Map<BackendKey, BackendRegistry.Handle> handles = new LinkedHashMap<>();
    Map<BackendKey, Set<SecretRequest>> requests = new LinkedHashMap<>();
    for (SyncRequest request : chunk) {
      if (!(validator.validate(request) instanceof Validation.Valid valid)) {
        continue; // its sync reports why
      }
      Outcome<AwsIdentity> identity =
          identities.identityFor(valid.plan().store(), request.namespace());
      if (!identity.isOk()) {
        continue;
      }
      BackendRegistry.Handle handle = backends.backendFor(valid.plan().store(), identity.value());
      handles.putIfAbsent(handle.key(), handle);
      Set<SecretRequest> reads = requests.computeIfAbsent(handle.key(), k -> new LinkedHashSet<>());
      valid.plan().sources().items().forEach(item -> reads.add(item.request()));
      valid.plan().sources().extracts().forEach(extract -> reads.add(extract.request()));
    }
    requests.forEach(
        (key, reads) -> {
          Instant readAt = clock.instant(); // before the call: it may miss writes after this
          Map<SecretRequest, Outcome<SecretValue>> values = handles.get(key).backend().read(reads);
          Map<SecretId, Prefetched> known =
              prefetched.computeIfAbsent(key, k -> new ConcurrentHashMap<>());
          values.forEach(
              (request, value) -> {
                if (!(request.version() instanceof VersionSelector.Latest)) {
                  return; // a pinned version read warmed the value cache; nothing to remember
                }
                if (value.isOk()) {
                  known.put(request.id(), new Prefetched(value.value().version(), readAt, false));
                } else if (value.error().kind() == ErrorKind.NOT_FOUND) {
                  known.put(request.id(), new Prefetched(null, readAt, true));
                }
              });
        });
  }

  private void forgetExpired() {
    Instant now = clock.instant();
    prefetched
        .values()
        .forEach(known -> known.values().removeIf(p -> !now.isBefore(p.readAt().plus(KEEP))));
    prefetched.values().removeIf(Map::isEmpty);
    synchronized (done) {
      Iterator<Instant> oldestFirst = done.values().iterator();
      while (oldestFirst.hasNext() && !now.isBefore(oldestFirst.next().plus(KEEP))) {
        oldestFirst.remove();
      }
    }
  }
}
