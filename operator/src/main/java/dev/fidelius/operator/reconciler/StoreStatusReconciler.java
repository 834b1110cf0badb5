package dev.fidelius.operator.reconciler;

import dev.fidelius.operator.api.FideliusStoreSpec;
import dev.fidelius.operator.api.FideliusStoreStatus;
import dev.fidelius.operator.api.StoreKind;
import dev.fidelius.operator.backend.FeedState;
import dev.fidelius.operator.backend.ServingRegion;
import dev.fidelius.operator.status.ChangeEventsCondition;
import dev.fidelius.operator.status.ReadyCondition;
import dev.fidelius.operator.status.Reasons;
import dev.fidelius.operator.status.StatusOnly;
import dev.fidelius.operator.store.StoreKey;
import dev.fidelius.operator.store.StoreSpecValidator;
import io.fabric8.kubernetes.client.CustomResource;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.IndexedResourceCache;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.inbound.SimpleInboundEventSource;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Reports whether a store's spec is usable (exactly one provider, allowed identity, valid
 * endpoints). AWS reachability shows on the FideliusSecrets that use the store, whose reasons name
 * the failing call. The {@code ChangeEvents} condition says whether the store's change events are
 * live.
 */
public abstract class StoreStatusReconciler<
        S extends CustomResource<FideliusStoreSpec, FideliusStoreStatus>>
    implements Reconciler<S> {

  /** How often the ChangeEvents condition is brought up to date (a patch only when it changed). */
  static final Duration FEED_RECHECK = Duration.ofSeconds(30);

  private final StoreSpecValidator validator;
  private final boolean namespaced;
  private final Clock clock;
  private final Function<StoreKey, Optional<FeedState>> feeds;
  private volatile IndexedResourceCache<S> stores;
  private final SimpleInboundEventSource<S> feedChanges =
      new SimpleInboundEventSource<>("change-feed-state");
  private final Function<StoreKey, Optional<ServingRegion>> serving;

  protected StoreStatusReconciler(
      StoreSpecValidator validator,
      boolean namespaced,
      Clock clock,
      Function<StoreKey, Optional<FeedState>> feeds) {
    this(validator, namespaced, clock, feeds, key -> Optional.empty());
  }

  /**
   * @param serving where each store with failover regions reads now
   */
  protected StoreStatusReconciler(
      StoreSpecValidator validator,
      boolean namespaced,
      Clock clock,
      Function<StoreKey, Optional<FeedState>> feeds,
      Function<StoreKey, Optional<ServingRegion>> serving) {
    this.validator = validator;
    this.namespaced = namespaced;
    this.clock = clock;
    this.feeds = feeds;
    this.serving = serving;
  }

  /** A new, empty resource of the kind this reconciler handles. */
  protected abstract S newResource();

  @Override
  public List<EventSource<?, S>> prepareEventSources(EventSourceContext<S> context) {
    stores = context.getPrimaryCache();
    return List.of(feedChanges);
  }

  /**
   * A store's change feed went live or stopped: its ChangeEvents condition is brought up to date
   * now rather than at the next {@link #FEED_RECHECK}. Stores of the other kind are not this
   * reconciler's.
   */
  public void feedStateChanged(StoreKey key) {
    if (key.kind() == kind()) {
      feedChanges.propagateEvent(new ResourceID(key.name(), namespaced ? key.namespace() : null));
    }
  }

  /**
   * For metrics: each store of this kind that exists (by {@link StoreKey} text) and whether its
   * Ready condition is True; null while the controller's cache is not there yet.
   */
  public Map<String, Boolean> readiness() {
    IndexedResourceCache<S> cache = stores;
    if (cache == null) {
      return null;
    }
    try {
      return cache
          .list()
          .collect(
              Collectors.toMap(
                  store -> keyOf(store).toString(),
                  store ->
                      store.getStatus() != null
                          && ReadyCondition.find(store.getStatus().getConditions())
                              .map(c -> "True".equals(c.getStatus()))
                              .orElse(false),
                  (a, b) -> a));
    } catch (RuntimeException e) {
      return null; // the informer is not started yet
    }
  }

  @Override
  public UpdateControl<S> reconcile(S store, Context<S> context) {
    List<String> problems = validator.problems(store.getSpec(), namespaced);
    FideliusStoreStatus previous =
        store.getStatus() == null ? new FideliusStoreStatus() : store.getStatus();
    FideliusStoreStatus next = new FideliusStoreStatus();
    Long generation = store.getMetadata().getGeneration();
    next.setObservedGeneration(generation);
    boolean ok = problems.isEmpty();
    next.setConditions(
        ReadyCondition.upsert(
            previous.getConditions(),
            ok,
            ok ? Reasons.VALID : Reasons.INVALID_SPEC,
            ok
                ? "spec is valid; AWS errors show on the FideliusSecrets that use this store"
                : String.join("; ", problems),
            generation,
            clock.instant()));
    StoreKey key = keyOf(store);
    next.setConditions(
        ChangeEventsCondition.upsert(
            next.getConditions(), feeds.apply(key), generation, clock.instant()));
    next.setServedBy(ServedRegions.ofStore(previous.getServedBy(), serving.apply(key)));
    if (Objects.equals(previous.getConditions(), next.getConditions())
        && Objects.equals(previous.getObservedGeneration(), next.getObservedGeneration())
        && Objects.equals(previous.getServedBy(), next.getServedBy())) {
      return UpdateControl.<S>noUpdate().rescheduleAfter(FEED_RECHECK);
    }
    return UpdateControl.patchStatus(StatusOnly.of(store, next, this::newResource))
        .rescheduleAfter(FEED_RECHECK);
  }

  private StoreKey keyOf(S store) {
    return new StoreKey(kind(), store.getMetadata().getNamespace(), store.getMetadata().getName());
  }

  private StoreKind kind() {
    return namespaced ? StoreKind.FideliusStore : StoreKind.ClusterFideliusStore;
  }
}
