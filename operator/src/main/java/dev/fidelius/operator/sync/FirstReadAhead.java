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
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
 * <p>The reconcile threads help ({@link #readAlong}): a first sync that finds nothing read for its
 * resource waits for the read under way for it, if there is one, or else reads along with it up to
 * {@link #RESOURCES_PER_READ} - 1 others that the last listing found waiting on the same backend
 * (when no listing has found any yet, it first waits for the one under way, at most {@link
 * #WAIT_FOR_LISTING}). Without that, at a cold start the syncs meet the read-ahead at random (the
 * reconcile queue is not in listing order) and most read for themselves, two or three ids a call. A
 * sync only ever waits for, or reads with, resources of its own backend (the same store and
 * identity), so one tenant's slow store delays no other tenant's first sync; a lone new resource
 * has nobody waiting beside it and reads for itself as soon as the listing it kicked has found so
 * (in a millisecond or so).
 *
 * <p>Cost: never more than the syncs would have read (each resource once; a read that fails is not
 * repeated), and bounded memory ({@link #MAX_VERSIONS} versions, dropped after {@link #KEEP}).
 */
public final class FirstReadAhead implements AutoCloseable {

  /** Resources whose reads are made together, in one backend call per backend. */
  static final int RESOURCES_PER_READ = 100;

  /**
   * How long what was read answers first syncs. Long enough for a slow cold start to reach every
   * resource read for: with 2 minutes, a cold start of 5,000 on a slow store outlived its reads,
   * whose versions then expired unused and the syncs read again, slowing the store further; with 10
   * minutes, a cold start of 20,000 that took 16 minutes (moto's BatchGetSecretValue walks every
   * secret per id, and the machine was shared) made 3,073 calls against a bound of 1,210: past 10
   * minutes, by these rules, the syncs that came after their reads had expired read again, and the
   * resources still waiting were read ahead a second time. A version older than this is no staler
   * than a first sync made when it was read: change detection brings any later version, as it would
   * have then.
   */
  static final Duration KEEP = Duration.ofMinutes(30);

  /** Versions held at most (about 100 bytes each); past it, reading ahead pauses. */
  static final int MAX_VERSIONS = 100_000;

  /** The least time between the starts of two runs. */
  static final Duration MIN_RUN_SPACING = Duration.ofSeconds(1);

  private static final Logger LOG = LoggerFactory.getLogger(FirstReadAhead.class);

  /**
   * How long a first sync waits for the read under way for its resource before reading itself: as
   * long as that read may wait for a Fidelius store scan on its way (30 s, half the default sync
   * budget, which leaves the other half to read alone). At 15 s, a cold start of 5,000 on moto saw
   * a sync give up while the scan's items were still being read, and query its names itself.
   */
  static final Duration WAIT_FOR_READ = Duration.ofSeconds(30);

  /**
   * How long a first sync that found nobody listed on its backend waits for a listing under way. A
   * listing reads only the informer's cache: a lone new resource's takes a millisecond or so, while
   * at a cold start the first syncs, which kicked the first listing, would otherwise each read two
   * or three secrets alone (on the Fidelius store one DynamoDB Query per name, instead of sharing
   * the read-ahead's scan) while it lists the thousands waiting. The listing of 5,000 took 0.57 s
   * in a quiet benchmark run, close to the 1 s this wait was, so on a busier machine first syncs
   * could give up on it and read alone. (Some runs at 5,000 make 620 to 670 Secrets Manager calls
   * instead of 500, with either wait: that cause is elsewhere, not traced yet.) The wait ends as
   * soon as the listing does, so only a long listing makes it long, and a long listing is a cold
   * start of thousands, when reading alone costs most.
   */
  static final Duration WAIT_FOR_LISTING = Duration.ofSeconds(5);

  private record Prefetched(String version, Instant readAt, boolean missing) {}

  /** A resource's reads, as its sync would make them, on its store's backend for its identity. */
  private record PlannedRead(String uid, BackendRegistry.Handle handle, Set<SecretRequest> reads) {}

  private final SyncValidator validator;
  private final IdentityResolver identities;
  private final BackendRegistry backends;
  private final Clock clock;
  private final ExecutorService worker;
  private final AtomicBoolean running = new AtomicBoolean();
  private final AtomicBoolean again = new AtomicBoolean();
  private final Map<BackendKey, Map<SecretId, Prefetched>> prefetched = new ConcurrentHashMap<>();

  /**
   * Resources read ahead or being read (by uid) and since when, oldest first, so that each is read
   * once; claims are made under its lock, together with {@link #inFlight}.
   */
  private final Map<String, Instant> done = Collections.synchronizedMap(new LinkedHashMap<>());

  /** Reads under way, by uid, for the first syncs of those resources to wait for. */
  private final Map<String, CompletableFuture<Void>> inFlight = new ConcurrentHashMap<>();

  /** What the last listing found waiting and nobody has claimed yet, by backend. */
  private final Map<BackendKey, Queue<PlannedRead>> pending = new ConcurrentHashMap<>();

  /**
   * Completed once the listing of the run under way has filled {@link #pending}; complete while no
   * run lists. Replaced when a run is started and at each pass of its loop.
   */
  private volatile CompletableFuture<Void> listing = CompletableFuture.completedFuture(null);

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
      start(waiting, syncedSince);
    }
  }

  /** Starts a run on the worker; called having set {@link #running}. */
  private void start(
      Function<Predicate<String>, Collection<SyncRequest>> waiting,
      Predicate<SyncRequest> syncedSince) {
    listing = new CompletableFuture<>();
    try {
      worker.execute(() -> runWhileKicked(waiting, syncedSince));
    } catch (RuntimeException rejected) { // shut down
      running.set(false);
      listing.complete(null);
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

  /**
   * A first sync found nothing read ahead for its resource: it waits (at most {@link
   * #WAIT_FOR_READ}) for the read under way for it, or reads for itself and, in the same backend
   * call, for up to {@link #RESOURCES_PER_READ} - 1 other resources waiting on its backend. Either
   * way what was read is then in {@link #snapshotFor}.
   *
   * @param uid the resource's uid
   * @param handle the backend its sync reads from
   * @param plan its validated sync plan
   * @return whether it should look again at what was read ahead (read for it here, or by the
   *     read-ahead meanwhile); false when it should simply read for itself (nobody else waits on
   *     its backend, or the wait ran out)
   */
  public boolean readAlong(String uid, BackendRegistry.Handle handle, SyncPlan plan) {
    if (uid == null) {
      return false;
    }
    CompletableFuture<Void> underWay = inFlight.get(uid);
    if (underWay != null) {
      return await(underWay);
    }
    Queue<PlannedRead> others = pending.get(handle.key());
    if ((others == null || others.isEmpty()) && awaitListing()) {
      others = pending.get(handle.key());
    }
    List<PlannedRead> chunk = new ArrayList<>(RESOURCES_PER_READ);
    synchronized (done) {
      underWay = inFlight.get(uid);
      if (underWay == null) {
        if (done.containsKey(uid)) {
          return true; // read by the read-ahead while this sync looked: what it found is known
        }
        if (others == null || others.isEmpty() || size() >= MAX_VERSIONS) {
          return false;
        }
        claimInto(chunk, new PlannedRead(uid, handle, readsOf(plan)));
        claim(others, chunk);
      }
    }
    if (underWay != null) {
      return await(underWay);
    }
    try {
      read(handle.key(), chunk);
    } catch (RuntimeException e) {
      LOG.warn("reading along failed, the sync reads for itself: {}", e.getClass());
    }
    return true;
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
        if (listing.isDone()) {
          listing = new CompletableFuture<>();
        }
        forgetExpired();
        readAheadFor(waiting.apply(uid -> uid != null && !done.containsKey(uid)), syncedSince);
        pace(started);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // closing
    } catch (RuntimeException e) {
      LOG.warn("reading ahead failed, first syncs read for themselves: {}", e.getClass());
    } finally {
      listing.complete(null);
      running.set(false);
      if (again.get() && running.compareAndSet(false, true)) {
        start(waiting, syncedSince); // kicked between the loop and here
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
    Map<BackendKey, Queue<PlannedRead>> listed = new LinkedHashMap<>();
    for (SyncRequest request : waiting) {
      if (Thread.currentThread().isInterrupted()) {
        return;
      }
      if (request.uid() == null || done.containsKey(request.uid()) || syncedSince.test(request)) {
        continue;
      }
      Optional<PlannedRead> planned = plan(request);
      if (planned.isEmpty()) {
        done.putIfAbsent(request.uid(), clock.instant()); // its sync reports why; not planned again
        continue;
      }
      listed
          .computeIfAbsent(planned.get().handle().key(), k -> new ConcurrentLinkedQueue<>())
          .add(planned.get());
    }
    pending.keySet().retainAll(listed.keySet());
    pending.putAll(listed);
    listing.complete(null);
    for (Map.Entry<BackendKey, Queue<PlannedRead>> backend : listed.entrySet()) {
      while (!Thread.currentThread().isInterrupted() && size() < MAX_VERSIONS) {
        List<PlannedRead> chunk = new ArrayList<>(RESOURCES_PER_READ);
        claim(backend.getValue(), chunk);
        if (chunk.isEmpty()) {
          break;
        }
        read(backend.getKey(), chunk);
      }
      pending.remove(backend.getKey(), backend.getValue());
    }
  }

  /**
   * A resource's reads on its backend, as its sync would make them: validated (spec bounds, the
   * store's access rules) and with its identity; empty when any of that fails.
   */
  private Optional<PlannedRead> plan(SyncRequest request) {
    if (!(validator.validate(request) instanceof Validation.Valid valid)) {
      return Optional.empty();
    }
    Outcome<AwsIdentity> identity =
        identities.identityFor(valid.plan().store(), request.namespace());
    if (!identity.isOk()) {
      return Optional.empty();
    }
    BackendRegistry.Handle handle = backends.backendFor(valid.plan().store(), identity.value());
    return Optional.of(new PlannedRead(request.uid(), handle, readsOf(valid.plan())));
  }

  private static Set<SecretRequest> readsOf(SyncPlan plan) {
    Set<SecretRequest> reads = new LinkedHashSet<>();
    plan.sources().items().forEach(item -> reads.add(item.request()));
    plan.sources().extracts().forEach(extract -> reads.add(extract.request()));
    return reads;
  }

  /**
   * Claims from the queue, into the chunk, resources nobody has claimed, until the chunk is full.
   * One claimer at a time fills its chunk: claims taken one resource at a time by the read-ahead
   * and by ten first syncs reading along split a cold start's first chunks into reads of a few
   * resources each, which on the Fidelius store are below its bulk threshold and cost a DynamoDB
   * Query per name instead of sharing the scan.
   */
  private void claim(Queue<PlannedRead> queue, List<PlannedRead> chunk) {
    synchronized (done) {
      while (chunk.size() < RESOURCES_PER_READ) {
        PlannedRead next = queue.poll();
        if (next == null) {
          return;
        }
        if (!done.containsKey(next.uid())) {
          claimInto(chunk, next);
        }
      }
    }
  }

  /** Claims one resource; called holding the lock of {@link #done}. */
  private void claimInto(List<PlannedRead> chunk, PlannedRead read) {
    done.put(read.uid(), clock.instant());
    inFlight.put(read.uid(), new CompletableFuture<>());
    chunk.add(read);
  }

  /**
   * One backend call for the chunk's resources (all of this backend); then their syncs, waiting or
   * to come, find what was read.
   */
  private void read(BackendKey key, List<PlannedRead> chunk) {
    try {
      Set<SecretRequest> reads = new LinkedHashSet<>();
      chunk.forEach(planned -> reads.addAll(planned.reads()));
      Instant readAt = clock.instant(); // before the call: it may miss writes after this
      Map<SecretRequest, Outcome<SecretValue>> values = chunk.get(0).handle().backend().read(reads);
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
    } finally {
      for (PlannedRead planned : chunk) {
        CompletableFuture<Void> waiters = inFlight.remove(planned.uid());
        if (waiters != null) {
          waiters.complete(null);
        }
      }
    }
  }

  /**
   * Waits (at most {@link #WAIT_FOR_LISTING}) for the listing under way, if any; whether it
   * completed in that time.
   */
  private boolean awaitListing() {
    CompletableFuture<Void> current = listing;
    return !current.isDone() && await(current, WAIT_FOR_LISTING);
  }

  private static boolean await(CompletableFuture<Void> read) {
    return await(read, WAIT_FOR_READ);
  }

  /** Whether the future completed within the wait (an interrupt ends the wait, kept set). */
  private static boolean await(CompletableFuture<Void> done, Duration atMost) {
    try {
      done.get(atMost.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (ExecutionException | TimeoutException e) {
      return false;
    }
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
