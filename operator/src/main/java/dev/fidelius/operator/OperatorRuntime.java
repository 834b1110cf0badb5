package dev.fidelius.operator;

import dev.fidelius.operator.aws.AwsCallCounter;
import dev.fidelius.operator.aws.AwsClientFactory;
import dev.fidelius.operator.aws.AwsErrorCounter;
import dev.fidelius.operator.aws.CredentialsCache;
import dev.fidelius.operator.backend.AwsErrors;
import dev.fidelius.operator.backend.ValueCache;
import dev.fidelius.operator.config.OperatorConfig;
import dev.fidelius.operator.config.TenantPolicy;
import dev.fidelius.operator.health.HttpEndpoints;
import dev.fidelius.operator.health.ProgressWatchdog;
import dev.fidelius.operator.metrics.OperatorMetrics;
import dev.fidelius.operator.reconciler.ChangeEventSource;
import dev.fidelius.operator.reconciler.ClusterFideliusStoreReconciler;
import dev.fidelius.operator.reconciler.FencedTargetWriter;
import dev.fidelius.operator.reconciler.FideliusSecretReconciler;
import dev.fidelius.operator.reconciler.FideliusStoreReconciler;
import dev.fidelius.operator.reconciler.RegionSwitchAnnouncer;
import dev.fidelius.operator.reconciler.SecondaryResources;
import dev.fidelius.operator.reconciler.SlimItemStore;
import dev.fidelius.operator.reconciler.SyncDeadline;
import dev.fidelius.operator.status.EventRecorder;
import dev.fidelius.operator.store.BackendRegistry;
import dev.fidelius.operator.store.IdentityResolver;
import dev.fidelius.operator.store.ProviderRegistry;
import dev.fidelius.operator.store.RegionFailovers;
import dev.fidelius.operator.store.StoreSpecValidator;
import dev.fidelius.operator.sync.FideliusSecretSync;
import dev.fidelius.operator.sync.FirstReadAhead;
import dev.fidelius.operator.sync.SyncValidator;
import dev.fidelius.operator.target.KubernetesTargetWriter;
import dev.fidelius.operator.target.MergeConsent;
import dev.fidelius.operator.target.RolloutRestarter;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires the operator together from its configuration: AWS plumbing, backends, change detection, the
 * reconcilers, metrics and HTTP endpoints. {@link Main} runs it as a process; tests run it
 * in-process.
 */
public final class OperatorRuntime implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(OperatorRuntime.class);

  private final Operator operator;
  private final EventRecorder events;
  private final HttpEndpoints http;
  private final AwsClientFactory awsClients;
  private final CredentialsCache credentials;
  private final AwsCallCounter awsCalls;
  private final OperatorMetrics metrics;
  private final AtomicBoolean closing;
  private final SyncDeadline deadline;
  private final ChangeEventSource changes;
  private final FirstReadAhead readAhead;

  private OperatorRuntime(
      Operator operator,
      EventRecorder events,
      HttpEndpoints http,
      AwsClientFactory awsClients,
      CredentialsCache credentials,
      AwsCallCounter awsCalls,
      OperatorMetrics metrics,
      AtomicBoolean closing,
      SyncDeadline deadline,
      ChangeEventSource changes,
      FirstReadAhead readAhead) {
    this.readAhead = readAhead;
    this.closing = closing;
    this.deadline = deadline;
    this.changes = changes;
    this.operator = operator;
    this.events = events;
    this.http = http;
    this.awsClients = awsClients;
    this.credentials = credentials;
    this.awsCalls = awsCalls;
    this.metrics = metrics;
  }

  /**
   * Builds and starts the operator; returns once the controllers started (or stand by for
   * leadership).
   */
  public static OperatorRuntime start(KubernetesClient client, OperatorConfig config)
      throws IOException {
    Clock clock = Clock.systemUTC();
    AtomicBoolean closing = new AtomicBoolean();
    AwsCallCounter awsCalls = new AwsCallCounter();
    AwsErrorCounter awsErrors =
        new AwsErrorCounter(failure -> AwsErrors.kindOf(failure).name().toLowerCase(Locale.ROOT));
    AwsClientFactory awsClients = new AwsClientFactory(awsCalls, awsErrors);
    TenantPolicy tenants = config.tenantPolicy();
    CredentialsCache credentials =
        CredentialsCache.withDefaultChain(
            awsClients,
            new KubernetesTokenSource(client),
            tenants.credentialsCacheMaxIdentities(),
            tenants.credentialsIdleExpiry());
    ValueCache cache = new ValueCache(config.valueCacheBytes());
    ProviderRegistry providers = ProviderRegistry.standard();
    RegionFailovers failovers = new RegionFailovers(clock);
    BackendRegistry backends = BackendRegistry.connecting(providers, credentials, cache, failovers);
    OperatorMetrics metrics = new OperatorMetrics(awsCalls, cache);
    metrics.watchAwsErrors(awsErrors);
    metrics.watchServingRegions(failovers::servingFlags);

    ChangeEventSource changes =
        new ChangeEventSource(
            backends::evict, config.minRefreshInterval(), config.safetyInterval(), clock);
    metrics.watchChangeEvents(
        () ->
            changes.feedsByStore().entrySet().stream()
                .collect(Collectors.toMap(e -> e.getKey().toString(), Map.Entry::getValue)));
    IdentityResolver identities =
        new IdentityResolver(
            (ns, name) ->
                Optional.ofNullable(client.serviceAccounts().inNamespace(ns).withName(name).get())
                    .map(
                        sa ->
                            sa.getMetadata().getAnnotations() == null
                                ? Map.of()
                                : sa.getMetadata().getAnnotations()));
    SyncValidator validator = new SyncValidator(config, providers);
    SecondaryResources secondaries = new SecondaryResources(config.watchClusterResources());
    FirstReadAhead readAhead = new FirstReadAhead(validator, identities, backends, clock);
    FideliusSecretSync sync =
        new FideliusSecretSync(
            validator,
            identities,
            backends,
            changes,
            new FencedTargetWriter(
                new KubernetesTargetWriter(
                    client, new MergeConsent(tenants.mergeRequiresOptIn()), secondaries)),
            new RolloutRestarter(client, clock),
            readAhead);
    EventRecorder events = new EventRecorder(client, clock);
    failovers.onSwitch(new RegionSwitchAnnouncer(events, metrics));
    ProgressWatchdog watchdog =
        new ProgressWatchdog(clock, config.syncTimeouts().livenessStallTimeout());
    SyncDeadline deadline =
        new SyncDeadline(
            config.syncTimeouts().syncTimeout(),
            config.concurrentReconciles(),
            config.concurrentReconciles(),
            watchdog);
    metrics.registerSyncWorkers(deadline::abandonedRunning, deadline::timeouts);
    FideliusSecretReconciler reconciler =
        new FideliusSecretReconciler(sync, deadline, changes, events, metrics, clock, secondaries);

    Operator operator =
        new Operator(
            o -> {
              o.withKubernetesClient(client)
                  .withConcurrentReconciliationThreads(config.concurrentReconciles())
                  .withCloseClientOnStop(false)
                  .withStopOnInformerErrorDuringStartup(false)
                  .withCacheSyncTimeout(Duration.ofMinutes(2));
              if (config.leaderElection()) {
                o.withLeaderElectionConfiguration(leaderElection(config, closing));
              }
            });
    register(operator, reconciler, config, clock, changes, metrics, failovers);
    Set<String> namespaces = config.watchNamespaces();
    HttpEndpoints http =
        new HttpEndpoints(
            config.httpPort(),
            metrics,
            () -> operator.getRuntimeInfo().allEventSourcesAreHealthy() && watchdog.healthy(),
            () -> operator.getRuntimeInfo().isStarted());
    operator.start();
    LOG.info(
        "fidelius operator started: namespaces={}, labelSelector='{}', defaultRefresh={}, leaderElection={},"
            + " http port {}",
        namespaces.isEmpty() ? "all" : namespaces,
        config.labelSelector(),
        config.defaultRefreshInterval(),
        config.leaderElection(),
        http.port());
    return new OperatorRuntime(
        operator,
        events,
        http,
        awsClients,
        credentials,
        awsCalls,
        metrics,
        closing,
        deadline,
        changes,
        readAhead);
  }

  /** The FideliusSecret controller and the store controllers, in the watched namespaces. */
  private static void register(
      Operator operator,
      FideliusSecretReconciler reconciler,
      OperatorConfig config,
      Clock clock,
      ChangeEventSource changes,
      OperatorMetrics metrics,
      RegionFailovers failovers) {
    Set<String> namespaces = config.watchNamespaces();
    operator.register(
        reconciler,
        o -> {
          o.withName("fidelius-secret");
          // Annotation-only updates (fidelius.dev/force-sync) must reconcile too: see
          // FideliusSecretReconciler.
          o.withGenerationAware(false)
              .withOnUpdateFilter(FideliusSecretReconciler.onUpdateFilter());
          o.withItemStore(SlimItemStore.withoutManagedFields());
          if (!namespaces.isEmpty()) {
            o.settingNamespaces(namespaces);
          }
          if (!config.labelSelector().isEmpty()) {
            o.withLabelSelector(config.labelSelector());
          }
        });
    StoreSpecValidator validator = StoreSpecValidator.of(config);
    FideliusStoreReconciler stores =
        new FideliusStoreReconciler(
            validator,
            clock,
            key -> Optional.ofNullable(changes.feedsByStore().get(key)),
            failovers::serving);
    metrics.watchStores("FideliusStore", stores::readiness);
    changes.onFeedStateChanged(stores::feedStateChanged);
    operator.register(
        stores,
        o -> {
          o.withName("fidelius-store");
          o.withItemStore(SlimItemStore.withoutManagedFields());
          if (!namespaces.isEmpty()) {
            o.settingNamespaces(namespaces);
          }
        });
    if (config.watchClusterResources()) {
      ClusterFideliusStoreReconciler clusterStores =
          new ClusterFideliusStoreReconciler(
              validator,
              clock,
              key -> Optional.ofNullable(changes.feedsByStore().get(key)),
              failovers::serving);
      metrics.watchStores("ClusterFideliusStore", clusterStores::readiness);
      changes.onFeedStateChanged(clusterStores::feedStateChanged);
      operator.register(
          clusterStores,
          o ->
              o.withName("cluster-fidelius-store")
                  .withItemStore(SlimItemStore.withoutManagedFields()));
    }
  }

  /**
   * Leader election on a Lease per release that exits when the lease is lost, so that only the
   * leader ever reconciles, but not when the operator is stopping: JOSDK's own exit-on-stop-leading
   * would call System.exit from inside the shutdown hook (stopping releases the lease), which
   * blocks that hook until the pod is killed. The identity is the pod name (HOSTNAME) plus a random
   * suffix, as controller-runtime does: {@code kubectl get lease} shows which pod leads, and two
   * processes can never share an identity (and both believe they lead) even when they see the same
   * HOSTNAME.
   */
  private static LeaderElectionConfiguration leaderElection(
      OperatorConfig config, AtomicBoolean closing) {
    Runnable lostLease =
        () -> {
          if (!closing.get()) {
            LOG.error(
                "lost the leader lease {}; exiting so that only the leader reconciles",
                config.leaderElectionLeaseName());
            new Thread(() -> System.exit(1), "fidelius-lost-lease").start();
          }
        };
    return new LeaderElectionConfiguration(
        config.leaderElectionLeaseName(),
        config.leaderElectionNamespace().isEmpty() ? null : config.leaderElectionNamespace(),
        LeaderElectionConfiguration.LEASE_DURATION_DEFAULT_VALUE,
        LeaderElectionConfiguration.RENEW_DEADLINE_DEFAULT_VALUE,
        LeaderElectionConfiguration.RETRY_PERIOD_DEFAULT_VALUE,
        leaderIdentity(System.getenv("HOSTNAME")),
        new LeaderCallbacks(() -> {}, lostLease, leader -> {}),
        false);
  }

  static String leaderIdentity(String hostname) {
    String host = hostname == null || hostname.isBlank() ? "fidelius-operator" : hostname;
    return host + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  public AwsCallCounter awsCalls() {
    return awsCalls;
  }

  /** Change detection (sweeps and change feeds), for diagnostics and tests. */
  public ChangeEventSource changeEvents() {
    return changes;
  }

  public OperatorMetrics metrics() {
    return metrics;
  }

  public int httpPort() {
    return http.port();
  }

  @Override
  public void close() {
    closing.set(true);
    operator.stop();
    readAhead.close();
    deadline.close();
    events.close();
    http.close();
    credentials.close();
    awsClients.close();
  }
}
