package dev.fidelius.operator.reconciler;

import dev.fidelius.operator.api.ApiGroup;
import dev.fidelius.operator.api.ClusterFideliusStore;
import dev.fidelius.operator.api.FideliusSecret;
import dev.fidelius.operator.api.FideliusStore;
import dev.fidelius.operator.api.StoreKind;
import dev.fidelius.operator.store.ResolvedStore;
import dev.fidelius.operator.store.StoreKey;
import dev.fidelius.operator.sync.SyncRequest;
import dev.fidelius.operator.target.DatalessSecret;
import dev.fidelius.operator.target.ObservedTarget;
import dev.fidelius.operator.target.OwnWrites;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.EventSourceStartPriority;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What a FideliusSecret depends on besides its spec, each watched by an informer that triggers the
 * FideliusSecrets using it: its store, its namespace (labels decide access) and its managed target
 * Secret.
 */
public final class SecondaryResources implements OwnWrites {

  static final String STORE_INDEX = "fidelius-store";
  static final String NAMESPACE_INDEX = "fidelius-namespace";

  /** Secrets per list page when the managed-Secret informer (re)lists: each may be 1 MiB. */
  static final long SECRET_LIST_PAGE = 10;

  private final boolean watchClusterResources;
  private volatile InformerEventSource<FideliusStore, FideliusSecret> stores;
  private volatile InformerEventSource<ClusterFideliusStore, FideliusSecret> clusterStores;
  private volatile InformerEventSource<Namespace, FideliusSecret> namespaces;
  private volatile InformerEventSource<Secret, FideliusSecret> secrets;
  private final InitialListAdds initialAdds = new InitialListAdds(Clock.systemUTC());

  /**
   * @param watchClusterResources false in a namespace-scoped installation: no informers on
   *     ClusterFideliusStores or Namespaces (FideliusSecrets naming a ClusterFideliusStore then
   *     report StoreNotReady)
   */
  public SecondaryResources(boolean watchClusterResources) {
    this.watchClusterResources = watchClusterResources;
  }

  List<EventSource<?, FideliusSecret>> eventSources(EventSourceContext<FideliusSecret> context) {
    context.getPrimaryCache().addIndexer(STORE_INDEX, fsec -> List.of(storeIndexKey(fsec)));
    context
        .getPrimaryCache()
        .addIndexer(NAMESPACE_INDEX, fsec -> List.of(fsec.getMetadata().getNamespace()));
    stores =
        new InformerEventSource<>(
            InformerEventSourceConfiguration.from(FideliusStore.class, FideliusSecret.class)
                .withName("stores")
                .withItemStore(SlimItemStore.withoutManagedFields())
                .withOnUpdateFilter(SecondaryResources::specChanged)
                .withOnAddFilter(initialAdds::isNews)
                .withSecondaryToPrimaryMapper(
                    store ->
                        byIndex(
                            context,
                            new StoreKey(
                                StoreKind.FideliusStore,
                                store.getMetadata().getNamespace(),
                                store.getMetadata().getName())))
                .withPrimaryToSecondaryMapper(
                    (FideliusSecret fsec) -> storeOf(fsec, StoreKind.FideliusStore))
                .build(),
            context);
    secrets =
        new InformerEventSource<>(
            InformerEventSourceConfiguration.from(Secret.class, FideliusSecret.class)
                .withName("secrets")
                .withLabelSelector(ApiGroup.MANAGED_BY_LABEL + "=" + ApiGroup.MANAGED_BY_VALUE)
                // Anyone who can create Secrets can add this label: keep digests, not data, and
                // list in small pages.
                .withItemStore(SlimItemStore.datalessSecrets())
                .withOnAddFilter(initialAdds::isNews)
                .withInformerListLimit(SECRET_LIST_PAGE)
                .withSecondaryToPrimaryMapper(
                    secret -> {
                      Map<String, String> labels = secret.getMetadata().getLabels();
                      String owner = labels == null ? null : labels.get(ApiGroup.SOURCE_LABEL);
                      return owner == null
                          ? Set.of()
                          : Set.of(new ResourceID(owner, secret.getMetadata().getNamespace()));
                    })
                .withPrimaryToSecondaryMapper((FideliusSecret fsec) -> Set.of(targetOf(fsec)))
                .withNamespacesInheritedFromController()
                .build(),
            context);
    List<EventSource<?, FideliusSecret>> sources = new ArrayList<>(List.of(stores, secrets));
    if (watchClusterResources) {
      sources.addAll(clusterSources(context));
    }
    // The informers sync first; then, before any reconcile, what their caches hold is noted, so
    // that the late ADD events of their initial lists reconcile nothing (InitialListAdds).
    informers()
        .forEach(i -> i.setEventSourcePriority(EventSourceStartPriority.RESOURCE_STATE_LOADER));
    sources.add(new SyncedCachesNote(() -> initialAdds.noteOnce(this::cached)));
    return sources;
  }

  /**
   * Whether a store update can change what its FideliusSecrets sync: its spec (the generation), not
   * its status. The store's own status writes (change events live, the last event's time and lag)
   * come with every change event; each used to reconcile every FideliusSecret of the store, which
   * at 1,000 resources made each rotation cost thousands of reads.
   */
  static boolean specChanged(HasMetadata updated, HasMetadata old) {
    Long now = updated.getMetadata().getGeneration();
    Long before = old.getMetadata().getGeneration();
    return now == null || before == null || !now.equals(before);
  }

  /**
   * Cluster-scoped resources are watched cluster-wide even when FIDELIUS_WATCH_NAMESPACES restricts
   * the FideliusSecrets: JOSDK's default (the controller's namespaces) would look for them inside
   * those namespaces and find none.
   */
  private List<EventSource<?, FideliusSecret>> clusterSources(
      EventSourceContext<FideliusSecret> context) {
    clusterStores =
        new InformerEventSource<>(
            InformerEventSourceConfiguration.from(ClusterFideliusStore.class, FideliusSecret.class)
                .withName("cluster-stores")
                .withItemStore(SlimItemStore.withoutManagedFields())
                .withOnUpdateFilter(SecondaryResources::specChanged)
                .withOnAddFilter(initialAdds::isNews)
                .withWatchAllNamespaces()
                .withFollowControllerNamespacesChanges(false)
                .withSecondaryToPrimaryMapper(
                    store ->
                        byIndex(
                            context,
                            new StoreKey(
                                StoreKind.ClusterFideliusStore,
                                null,
                                store.getMetadata().getName())))
                .withPrimaryToSecondaryMapper(
                    (FideliusSecret fsec) -> storeOf(fsec, StoreKind.ClusterFideliusStore))
                .build(),
            context);
    namespaces =
        new InformerEventSource<>(
            InformerEventSourceConfiguration.from(Namespace.class, FideliusSecret.class)
                .withName("namespaces")
                .withItemStore(SlimItemStore.withoutManagedFields())
                .withOnAddFilter(initialAdds::isNews)
                .withWatchAllNamespaces()
                .withFollowControllerNamespacesChanges(false)
                .withSecondaryToPrimaryMapper(
                    ns ->
                        context
                            .getPrimaryCache()
                            .byIndex(NAMESPACE_INDEX, ns.getMetadata().getName())
                            .stream()
                            .map(ResourceID::fromResource)
                            .collect(Collectors.toSet()))
                .withPrimaryToSecondaryMapper(
                    (FideliusSecret fsec) ->
                        Set.of(new ResourceID(fsec.getMetadata().getNamespace())))
                .withOnUpdateFilter(
                    (updated, old) ->
                        !Objects.equals(
                            updated.getMetadata().getLabels(), old.getMetadata().getLabels()))
                .build(),
            context);
    return List.of(clusterStores, namespaces);
  }

  /**
   * JOSDK's mark of a write ({@code javaoperatorsdk.io/previous}: this event source and the version
   * written over): an event whose new Secret carries it and whose old one is that version is the
   * write's own echo, skipped even when it arrives before the write's response. Without it, an echo
   * that won that race reconciled the FideliusSecret again, reading all its secrets again: at a
   * cold start of 1,000 resources with the Fidelius store, as many extra syncs as resources.
   */
  @Override
  public Map<String, String> echoMark(Secret before) {
    InformerEventSource<Secret, FideliusSecret> source = secrets;
    if (source == null) {
      return Map.of();
    }
    Secret scratch =
        new SecretBuilder()
            .withNewMetadata()
            .withAnnotations(new HashMap<>())
            .endMetadata()
            .build();
    source.addPreviousAnnotation(
        before == null || before.getMetadata() == null
            ? null
            : before.getMetadata().getResourceVersion(),
        scratch);
    return Map.copyOf(scratch.getMetadata().getAnnotations());
  }

  /**
   * A Secret this operator just wrote: the informer's event of that very version is its own echo
   * and reconciles nothing (JOSDK skips an event whose version its temporary cache holds). Kept as
   * the data-less view the informer keeps.
   */
  @Override
  public void written(Secret written, Secret before) {
    InformerEventSource<Secret, FideliusSecret> source = secrets;
    if (source == null || written.getMetadata() == null) {
      return;
    }
    Secret view = DatalessSecret.of(written);
    ResourceID id = ResourceID.fromResource(view);
    if (before == null) {
      source.handleRecentResourceCreate(id, view);
    } else {
      source.handleRecentResourceUpdate(id, view, DatalessSecret.of(before));
    }
  }

  /** The informers of this installation (no cluster ones when namespace-scoped). */
  private Stream<InformerEventSource<? extends HasMetadata, FideliusSecret>> informers() {
    return Stream.<InformerEventSource<? extends HasMetadata, FideliusSecret>>of(
            stores, clusterStores, namespaces, secrets)
        .filter(Objects::nonNull);
  }

  private Stream<? extends HasMetadata> cached() {
    return informers().flatMap(informer -> informer.list());
  }

  /** What one sync of {@code fsec} starts from. */
  SyncRequest requestFor(FideliusSecret fsec, KubernetesClient client) {
    var meta = fsec.getMetadata();
    return new SyncRequest(
        meta.getNamespace(),
        meta.getName(),
        meta.getUid(),
        fsec.getSpec(),
        fsec.getStatus(),
        resolveStore(fsec),
        namespaceLabels(meta.getNamespace(), client),
        existingTarget(fsec));
  }

  private Optional<ResolvedStore> resolveStore(FideliusSecret fsec) {
    Optional<ResourceID> id = storeId(fsec);
    if (id.isEmpty()) {
      return Optional.empty();
    }
    if (namesClusterStore(fsec)) {
      // A namespace-scoped installation does not watch cluster stores.
      return clusterStores == null
          ? Optional.empty()
          : clusterStores.get(id.get()).map(ResolvedStores::of);
    }
    return stores.get(id.get()).map(ResolvedStores::of);
  }

  /**
   * The store of this kind a FideliusSecret names, if it names one of this kind. Each informer is
   * given how to find a FideliusSecret's own object in its cache, so that JOSDK keeps no index from
   * every FideliusSecret to its objects there: at 5,000 FideliusSecrets those indexes held about
   * 29,000 of the heap's 44,000 ResourceIDs, for lookups this class makes directly.
   */
  private static Set<ResourceID> storeOf(FideliusSecret fsec, StoreKind kind) {
    boolean ofThisKind = namesClusterStore(fsec) == (kind == StoreKind.ClusterFideliusStore);
    return ofThisKind ? storeId(fsec).map(Set::of).orElse(Set.of()) : Set.of();
  }

  /** The store a FideliusSecret names (cluster-scoped for a ClusterFideliusStore), if any. */
  private static Optional<ResourceID> storeId(FideliusSecret fsec) {
    var ref = fsec.getSpec() == null ? null : fsec.getSpec().getStoreRef();
    if (ref == null || ref.getName() == null) {
      return Optional.empty();
    }
    return Optional.of(
        namesClusterStore(fsec)
            ? new ResourceID(ref.getName())
            : new ResourceID(ref.getName(), fsec.getMetadata().getNamespace()));
  }

  private static boolean namesClusterStore(FideliusSecret fsec) {
    var ref = fsec.getSpec() == null ? null : fsec.getSpec().getStoreRef();
    return ref != null && ref.getKind() == StoreKind.ClusterFideliusStore;
  }

  /** The managed target Secret a FideliusSecret writes. */
  private static ResourceID targetOf(FideliusSecret fsec) {
    return new ResourceID(
        SyncRequest.targetName(fsec.getMetadata().getName(), fsec.getSpec()),
        fsec.getMetadata().getNamespace());
  }

  /**
   * The labels of the FideliusSecret's namespace, for access rules with a namespaceSelector. A
   * namespace the informer has not seen yet (created a moment before the FideliusSecret) is read
   * from the API server: taking it for a namespace without labels would admit it to any rule whose
   * selector only excludes ({@code NotIn}, {@code DoesNotExist}).
   */
  private Map<String, String> namespaceLabels(String namespace, KubernetesClient client) {
    if (namespaces == null) {
      // Namespace-scoped installation: only namespaced stores, whose selectors can only narrow
      // access to their
      // own namespace, so unknown labels never widen it.
      return Map.of();
    }
    Namespace ns =
        namespaces
            .get(new ResourceID(namespace))
            .orElseGet(() -> client.namespaces().withName(namespace).get());
    if (ns == null) {
      throw new IllegalStateException(
          "namespace " + namespace + " not found; its labels decide access");
    }
    return ns.getMetadata().getLabels() == null ? Map.of() : ns.getMetadata().getLabels();
  }

  /**
   * The managed target from the informer. None there is not read from the API server: JOSDK
   * reconciles only once the informer has synced, so the Secret is absent or not managed by this
   * operator, and the writer tells the two apart with its first write (a new resource then costs no
   * GET).
   */
  private ObservedTarget existingTarget(FideliusSecret fsec) {
    return secrets.get(targetOf(fsec)).map(ObservedTarget::new).orElse(ObservedTarget.NONE_MANAGED);
  }

  private static Set<ResourceID> byIndex(
      EventSourceContext<FideliusSecret> context, StoreKey store) {
    return context.getPrimaryCache().byIndex(STORE_INDEX, store.toString()).stream()
        .map(ResourceID::fromResource)
        .collect(Collectors.toSet());
  }

  static String storeIndexKey(FideliusSecret fsec) {
    var ref = fsec.getSpec() == null ? null : fsec.getSpec().getStoreRef();
    if (ref == null || ref.getName() == null) {
      return "none";
    }
    return StoreKey.referenced(ref.getKind(), ref.getName(), fsec.getMetadata().getNamespace())
        .toString();
  }
}
