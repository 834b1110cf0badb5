package dev.fidelius.operator.reconciler;

import dev.fidelius.operator.api.ApiGroup;
import dev.fidelius.operator.api.ClusterFideliusStore;
import dev.fidelius.operator.api.FideliusSecret;
import dev.fidelius.operator.api.FideliusSecretStatus;
import dev.fidelius.operator.api.FideliusStore;
import dev.fidelius.operator.api.StoreKind;
import dev.fidelius.operator.informer.SlimItemStore;
import dev.fidelius.operator.metrics.OperatorMetrics;
import dev.fidelius.operator.status.EventRecorder;
import dev.fidelius.operator.status.ReadyCondition;
import dev.fidelius.operator.status.StatusOnly;
import dev.fidelius.operator.store.ResolvedStore;
import dev.fidelius.operator.sweep.ChangeSweeper;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.IndexedResourceCache;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.inbound.SimpleInboundEventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JOSDK glue for FideliusSecrets: watches the stores, namespaces and managed Secrets that a FideliusSecret
 * depends on, runs {@link FideliusSecretSync}, and turns its report into status, Events, metrics and the next
 * schedule. Backend and access failures are results, not exceptions, so they never enter JOSDK's retry with
 * its fixed delays: this class backs off with jitter itself.
 */
public final class FideliusSecretReconciler implements Reconciler<FideliusSecret> {

  private static final Logger LOG = LoggerFactory.getLogger(FideliusSecretReconciler.class);
  static final String STORE_INDEX = "fidelius-store";
  static final String NAMESPACE_INDEX = "fidelius-namespace";
  /** Secrets per list page when the managed-Secret informer (re)lists: each may be 1 MiB. */
  static final long SECRET_LIST_PAGE = 10;

  private final FideliusSecretSync sync;
  private final SyncDeadline deadline;
  private final ChangeSweeper sweeper;
  private final EventRecorder events;
  private final OperatorMetrics metrics;
  private final Clock clock;
  private final Map<ResourceID, Integer> failuresInARow = new ConcurrentHashMap<>();

  private volatile InformerEventSource<FideliusStore, FideliusSecret> stores;
  private volatile InformerEventSource<ClusterFideliusStore, FideliusSecret> clusterStores;
  private volatile InformerEventSource<Namespace, FideliusSecret> namespaces;
  private volatile InformerEventSource<Secret, FideliusSecret> secrets;
  private volatile IndexedResourceCache<FideliusSecret> primaryCache;
  private final SimpleInboundEventSource<FideliusSecret> sweepTriggers = new SimpleInboundEventSource<>("sweep");

  private final boolean watchClusterResources;

  /**
   * @param watchClusterResources false in a namespace-scoped installation: no informers on ClusterFideliusStores
   *     or Namespaces (FideliusSecrets naming a ClusterFideliusStore then report StoreNotReady)
   * @param deadline runs each sync within its time budget
   */
  public FideliusSecretReconciler(FideliusSecretSync sync, SyncDeadline deadline, ChangeSweeper sweeper,
      EventRecorder events, OperatorMetrics metrics, Clock clock, boolean watchClusterResources) {
    this.watchClusterResources = watchClusterResources;
    this.sync = sync;
    this.deadline = deadline;
    this.sweeper = sweeper;
    this.events = events;
    this.metrics = metrics;
    this.clock = clock;
  }

  /**
   * What the sweeper calls for a resource whose versions changed. A resource deleted since it registered is
   * forgotten instead: nothing else tells the sweeper, as FideliusSecrets carry no finalizer.
   */
  public void trigger(Object resourceKey) {
    if (!(resourceKey instanceof ResourceID id)) {
      return;
    }
    var cache = primaryCache;
    if (cache != null && cache.get(id).isEmpty()) {
      forget(id);
      return;
    }
    sweepTriggers.propagateEvent(id);
  }

  @Override
  public List<EventSource<?, FideliusSecret>> prepareEventSources(EventSourceContext<FideliusSecret> context) {
    primaryCache = context.getPrimaryCache();
    context.getPrimaryCache().addIndexer(STORE_INDEX, fsec -> List.of(storeIndexKey(fsec)));
    sweeper.setLiveness(key -> !(key instanceof ResourceID id) || context.getPrimaryCache().get(id).isPresent());
    context.getPrimaryCache().addIndexer(NAMESPACE_INDEX, fsec -> List.of(fsec.getMetadata().getNamespace()));

    stores = new InformerEventSource<>(InformerEventSourceConfiguration.from(FideliusStore.class, FideliusSecret.class)
        .withName("stores")
        .withItemStore(SlimItemStore.withoutManagedFields())
        .withSecondaryToPrimaryMapper(store -> byIndex(context, STORE_INDEX,
            StoreKind.FideliusStore + "/" + store.getMetadata().getNamespace() + "/" + store.getMetadata().getName()))
        .build(), context);
    if (!watchClusterResources) {
      return List.of(stores, secretsSource(context), sweepTriggers);
    }
    // Cluster-scoped resources are watched cluster-wide even when FIDELIUS_WATCH_NAMESPACES restricts the
    // FideliusSecrets: JOSDK's default (the controller's namespaces) would look for them inside those
    // namespaces and find none.
    clusterStores = new InformerEventSource<>(InformerEventSourceConfiguration
        .from(ClusterFideliusStore.class, FideliusSecret.class)
        .withName("cluster-stores")
        .withItemStore(SlimItemStore.withoutManagedFields())
        .withWatchAllNamespaces()
        .withFollowControllerNamespacesChanges(false)
        .withSecondaryToPrimaryMapper(store -> byIndex(context, STORE_INDEX,
            StoreKind.ClusterFideliusStore + "//" + store.getMetadata().getName()))
        .build(), context);
    namespaces = new InformerEventSource<>(InformerEventSourceConfiguration.from(Namespace.class, FideliusSecret.class)
        .withName("namespaces")
        .withItemStore(SlimItemStore.withoutManagedFields())
        .withWatchAllNamespaces()
        .withFollowControllerNamespacesChanges(false)
        .withSecondaryToPrimaryMapper(ns -> byIndex(context, NAMESPACE_INDEX, ns.getMetadata().getName()))
        .withOnUpdateFilter((updated, old) -> !Objects.equals(updated.getMetadata().getLabels(),
            old.getMetadata().getLabels()))
        .build(), context);
    return List.of(stores, clusterStores, namespaces, secretsSource(context), sweepTriggers);
  }

  private InformerEventSource<Secret, FideliusSecret> secretsSource(EventSourceContext<FideliusSecret> context) {
    secrets = new InformerEventSource<>(InformerEventSourceConfiguration.from(Secret.class, FideliusSecret.class)
        .withName("secrets")
        .withLabelSelector(ApiGroup.MANAGED_BY_LABEL + "=" + ApiGroup.MANAGED_BY_VALUE)
        // Anyone who can create Secrets can add this label: keep digests, not data, and list in small pages.
        .withItemStore(SlimItemStore.datalessSecrets())
        .withInformerListLimit(SECRET_LIST_PAGE)
        .withSecondaryToPrimaryMapper(secret -> {
          Map<String, String> labels = secret.getMetadata().getLabels();
          String owner = labels == null ? null : labels.get(ApiGroup.SOURCE_LABEL);
          return owner == null ? Set.of() : Set.of(new ResourceID(owner, secret.getMetadata().getNamespace()));
        })
        .withNamespacesInheritedFromController()
        .build(), context);
    return secrets;
  }

  @Override
  public UpdateControl<FideliusSecret> reconcile(FideliusSecret fsec, Context<FideliusSecret> context) {
    Instant started = clock.instant();
    ResourceID id = ResourceID.fromResource(fsec);
    String namespace = fsec.getMetadata().getNamespace();
    SyncReport report;
    try {
      // The reads of the inputs (GETs of a namespace or the target) count against the budget too.
      report = deadline.run(id, () -> sync.sync(fsec, resolveStore(fsec), namespaceLabels(namespace, context),
          existingTarget(fsec, context), id), message -> SyncReport.failure(Reasons.SYNC_TIMEOUT, message, true,
          Duration.ofMinutes(5), FideliusSecretSync.targetName(fsec)));
    } catch (RuntimeException e) {
      // Kubernetes API failures (conflicts, timeouts) and bugs: status says so, data stays, retry with backoff.
      LOG.warn("sync of {}/{} failed: {}", namespace, fsec.getMetadata().getName(), e.getClass().getSimpleName());
      report = SyncReport.failure("SyncError", "sync failed: " + safeMessage(e), true,
          Duration.ofMinutes(5), FideliusSecretSync.targetName(fsec));
    }
    return finish(fsec, id, report, Duration.between(started, clock.instant()));
  }

  @Override
  public ErrorStatusUpdateControl<FideliusSecret> updateErrorStatus(FideliusSecret resource,
      Context<FideliusSecret> context, Exception e) {
    return ErrorStatusUpdateControl.noStatusUpdate();
  }

  private UpdateControl<FideliusSecret> finish(FideliusSecret fsec, ResourceID id, SyncReport report, Duration took) {
    FideliusSecretStatus previous = fsec.getStatus() == null ? new FideliusSecretStatus() : fsec.getStatus();
    FideliusSecretStatus next = StatusProjection.next(previous, report, fsec.getMetadata().getGeneration(),
        clock.instant());
    boolean conditionChanged = ReadyCondition.changed(previous.getConditions(), next.getConditions());

    if (report.ready()) {
      failuresInARow.remove(id);
      metrics.recordSync(report.dataChanged() ? "changed" : "unchanged", took);
    } else {
      metrics.recordSync("failed", took);
      metrics.recordError(report.reason());
    }
    if (report.restarts() != null) {
      metrics.recordRestarts(report.restarts().restarted().size());
    }
    if (report.dataChanged()) {
      events.normal(fsec, "Synced", report.write().message());
      LOG.info("{}/{}: {}", fsec.getMetadata().getNamespace(), fsec.getMetadata().getName(), report.write().message());
    }
    if (conditionChanged && !report.ready()) {
      events.warning(fsec, report.reason(), report.message());
      LOG.info("{}/{} not ready: {}: {}", fsec.getMetadata().getNamespace(), fsec.getMetadata().getName(),
          report.reason(), report.message());
    } else if (conditionChanged && !report.dataChanged()) {
      events.normal(fsec, report.reason(), report.message());
    }

    Duration next_ = nextRun(id, report);
    boolean statusChanged = StatusProjection.differs(previous, next, report.refreshInterval(), clock.instant());
    UpdateControl<FideliusSecret> control;
    if (statusChanged) {
      control = UpdateControl.patchStatus(StatusOnly.of(fsec, next, FideliusSecret::new));
    } else {
      control = UpdateControl.noUpdate();
    }
    return next_ == null ? control : control.rescheduleAfter(next_);
  }

  /** After success: the refresh interval (none for sync-once). After failure: backoff with jitter. */
  private Duration nextRun(ResourceID id, SyncReport report) {
    if (report.ready()) {
      return report.refreshInterval().isZero() ? null : report.refreshInterval();
    }
    int attempt = failuresInARow.merge(id, 1, Integer::sum);
    Duration cap = report.refreshInterval().isZero() ? Duration.ofMinutes(5)
        : min(report.refreshInterval(), Duration.ofMinutes(5));
    if (!report.transientFailure()) {
      // Only a change (of the spec, the store or the item) can fix it; those trigger reconciles themselves.
      return report.refreshInterval().isZero() ? null : report.refreshInterval();
    }
    return Backoff.delay(attempt, cap);
  }

  private Optional<ResolvedStore> resolveStore(FideliusSecret fsec) {
    var ref = fsec.getSpec() == null ? null : fsec.getSpec().getStoreRef();
    if (ref == null || ref.getName() == null) {
      return Optional.empty();
    }
    if (ref.getKind() == StoreKind.ClusterFideliusStore) {
      if (clusterStores == null) {
        return Optional.empty(); // namespace-scoped installation: cluster stores are not watched
      }
      return clusterStores.get(new ResourceID(ref.getName())).map(ResolvedStore::of);
    }
    return stores.get(new ResourceID(ref.getName(), fsec.getMetadata().getNamespace())).map(ResolvedStore::of);
  }

  /**
   * The labels of the FideliusSecret's namespace, for access rules with a namespaceSelector. A namespace the
   * informer has not seen yet (created a moment before the FideliusSecret) is read from the API server:
   * taking it for a namespace without labels would admit it to any rule whose selector only excludes
   * ({@code NotIn}, {@code DoesNotExist}).
   */
  private Map<String, String> namespaceLabels(String namespace, Context<FideliusSecret> context) {
    if (namespaces == null) {
      // Namespace-scoped installation: only namespaced stores, whose selectors can only narrow access to their
      // own namespace, so unknown labels never widen it.
      return Map.of();
    }
    Namespace ns = namespaces.get(new ResourceID(namespace))
        .orElseGet(() -> context.getClient().namespaces().withName(namespace).get());
    if (ns == null) {
      throw new IllegalStateException("namespace " + namespace + " not found; its labels decide access");
    }
    return ns.getMetadata().getLabels() == null ? Map.of() : ns.getMetadata().getLabels();
  }

  /** The managed target from the informer; a GET when absent there (unmanaged, merge targets, first sync). */
  private Secret existingTarget(FideliusSecret fsec, Context<FideliusSecret> context) {
    String name = FideliusSecretSync.targetName(fsec);
    String namespace = fsec.getMetadata().getNamespace();
    return secrets.get(new ResourceID(name, namespace))
        .orElseGet(() -> context.getClient().secrets().inNamespace(namespace).withName(name).get());
  }

  private static Set<ResourceID> byIndex(EventSourceContext<FideliusSecret> context, String index, String key) {
    return context.getPrimaryCache().byIndex(index, key).stream()
        .map(ResourceID::fromResource).collect(Collectors.toSet());
  }

  static String storeIndexKey(FideliusSecret fsec) {
    var ref = fsec.getSpec() == null ? null : fsec.getSpec().getStoreRef();
    if (ref == null) {
      return "none";
    }
    StoreKind kind = ref.getKind() == null ? StoreKind.FideliusStore : ref.getKind();
    String ns = kind == StoreKind.ClusterFideliusStore ? "" : fsec.getMetadata().getNamespace();
    return kind + "/" + ns + "/" + ref.getName();
  }

  /** Kubernetes API errors carry status messages about resources, never secret values; bound them anyway. */
  private static String safeMessage(RuntimeException e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    m = m.replaceAll("\\s+", " ");
    return m.length() > 300 ? m.substring(0, 300) + "..." : m;
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  /** Forgets a resource that no longer exists (when the sweeper triggers an unknown resource). */
  public void forget(ResourceID id) {
    failuresInARow.remove(id);
    sweeper.unregister(id);
  }
}
