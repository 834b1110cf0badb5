package dev.fidelius.operator.reconciler;

import dev.fidelius.operator.api.FideliusSecret;
import dev.fidelius.operator.backend.FeedState;
import dev.fidelius.operator.store.BackendKey;
import dev.fidelius.operator.store.StoreKey;
import dev.fidelius.operator.sweep.ChangeSweeper;
import dev.fidelius.operator.sweep.Registration;
import dev.fidelius.operator.sweep.SnapshotSource;
import dev.fidelius.operator.sweep.VersionSnapshot;
import io.javaoperatorsdk.operator.OperatorException;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.ResourceEventAware;
import io.javaoperatorsdk.operator.processing.event.source.inbound.SimpleInboundEventSource;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Change detection as a JOSDK event source: it owns the {@link ChangeSweeper} and every
 * registration in it. The reconciler hands it what each sync read ({@link #track}); a sweep that
 * sees a new version raises an event for the resources that read it; and JOSDK tells it when a
 * FideliusSecret is deleted, so it forgets the resource (FideliusSecrets carry no finalizer, so no
 * reconcile would). Sweeps run while the event source runs: on the leader only.
 */
public final class ChangeEventSource extends SimpleInboundEventSource<FideliusSecret>
    implements ResourceEventAware<FideliusSecret>, SnapshotSource {

  private static final Duration TICK = Duration.ofSeconds(1);

  private final ChangeSweeper<ResourceID> sweeper;
  private final List<Consumer<ResourceID>> deletionListeners = new CopyOnWriteArrayList<>();

  /**
   * @param idleBackend told of a backend no FideliusSecret reads any more, to evict it
   */
  public ChangeEventSource(Consumer<BackendKey> idleBackend, Duration minInterval, Clock clock) {
    this(idleBackend, minInterval, ChangeSweeper.DEFAULT_SAFETY_INTERVAL, clock);
  }

  /**
   * @param safetyInterval how often stores whose change events are live are swept anyway, unless
   *     the store says
   */
  public ChangeEventSource(
      Consumer<BackendKey> idleBackend,
      Duration minInterval,
      Duration safetyInterval,
      Clock clock) {
    super("change-detection");
    this.sweeper =
        new ChangeSweeper<>(
            this::propagateEvent, idleBackend, minInterval, safetyInterval, clock, 4);
  }

  /** Records what a resource's last sync read; empty: nothing to watch for it. */
  public void track(ResourceID resource, Optional<Registration> registration) {
    sweeper.track(resource, registration);
  }

  /** Forgets what a resource read: it is gone (see {@link #onResourceDeleted}). */
  public void untrack(ResourceID resource) {
    sweeper.forget(resource);
  }

  /** Also told when a FideliusSecret is deleted, to clear its per-resource state. */
  public void onDeleted(Consumer<ResourceID> listener) {
    deletionListeners.add(listener);
  }

  @Override
  public void onResourceDeleted(FideliusSecret resource) {
    ResourceID id = ResourceID.fromResource(resource);
    sweeper.forget(id);
    deletionListeners.forEach(l -> l.accept(id));
  }

  @Override
  public Optional<VersionSnapshot> currentSnapshot(BackendKey backend, Duration refresh) {
    return sweeper.currentSnapshot(backend, refresh);
  }

  /**
   * How the change feed of each store in use fares; a store read through several identities is live
   * when any of its feeds is (status and metrics), and the freshest event counts.
   */
  public Map<StoreKey, FeedState> feedsByStore() {
    Map<StoreKey, FeedState> byStore = new HashMap<>();
    for (BackendKey key : sweeper.backendKeys()) {
      sweeper
          .feedState(key)
          .ifPresent(state -> byStore.merge(key.store(), state, ChangeEventSource::better));
    }
    return byStore;
  }

  private static FeedState better(FeedState a, FeedState b) {
    if (a.live() != b.live()) {
      return a.live() ? a : b;
    }
    if (a.lastEvent() == null) {
      return b;
    }
    return b.lastEvent() != null && b.lastEvent().isAfter(a.lastEvent()) ? b : a;
  }

  /** Also told when a store's change feed goes live or stops (on the feed's thread). */
  public void onFeedStateChanged(Consumer<StoreKey> listener) {
    sweeper.onFeedStateChanged(key -> listener.accept(key.store()));
  }

  /** For tests and diagnostics. */
  public ChangeSweeper<ResourceID> sweeper() {
    return sweeper;
  }

  @Override
  public void start() throws OperatorException {
    super.start();
    sweeper.start(TICK);
  }

  @Override
  public void stop() throws OperatorException {
    sweeper.close();
    super.stop();
  }
}
