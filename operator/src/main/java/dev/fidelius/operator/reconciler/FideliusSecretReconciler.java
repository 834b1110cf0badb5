package dev.fidelius.operator.reconciler;

import dev.fidelius.operator.api.FideliusSecret;
import dev.fidelius.operator.api.FideliusSecretStatus;
import dev.fidelius.operator.metrics.OperatorMetrics;
import dev.fidelius.operator.status.EventRecorder;
import dev.fidelius.operator.status.ReadyCondition;
import dev.fidelius.operator.status.Reasons;
import dev.fidelius.operator.sync.FideliusSecretSync;
import dev.fidelius.operator.sync.SyncReport;
import dev.fidelius.operator.sync.SyncRequest;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.filter.OnUpdateFilter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JOSDK glue for FideliusSecrets: builds a {@link SyncRequest} from the watched resources, runs
 * {@link FideliusSecretSync}, hands what it read to change detection, and turns its report into
 * status, Events, metrics and the next schedule. Backend and access failures are results, not
 * exceptions, so they never enter JOSDK's retry with its fixed delays: this class backs off with
 * jitter itself.
 */
public final class FideliusSecretReconciler implements Reconciler<FideliusSecret> {

  private static final Logger LOG = LoggerFactory.getLogger(FideliusSecretReconciler.class);

  private final FideliusSecretSync sync;
  private final SyncDeadline deadline;
  private final ChangeEventSource changes;
  private final SecondaryResources secondaries;
  private final EventRecorder events;
  private final OperatorMetrics metrics;
  private final Clock clock;
  private final Map<ResourceID, Integer> failuresInARow = new ConcurrentHashMap<>();

  /**
   * @param watchClusterResources false in a namespace-scoped installation: no informers on
   *     ClusterFideliusStores or Namespaces (FideliusSecrets naming a ClusterFideliusStore then
   *     report StoreNotReady)
   * @param deadline runs each sync within its time budget
   */
  public FideliusSecretReconciler(
      FideliusSecretSync sync,
      SyncDeadline deadline,
      ChangeEventSource changes,
      EventRecorder events,
      OperatorMetrics metrics,
      Clock clock,
      boolean watchClusterResources) {
    this(
        sync,
        deadline,
        changes,
        events,
        metrics,
        clock,
        new SecondaryResources(watchClusterResources));
  }

  /**
   * @param secondaries the informers of stores, Secrets and namespaces (also told of the Secrets
   *     the writer wrote)
   */
  public FideliusSecretReconciler(
      FideliusSecretSync sync,
      SyncDeadline deadline,
      ChangeEventSource changes,
      EventRecorder events,
      OperatorMetrics metrics,
      Clock clock,
      SecondaryResources secondaries) {
    this.sync = sync;
    this.deadline = deadline;
    this.changes = changes;
    this.secondaries = secondaries;
    this.events = events;
    this.metrics = metrics;
    this.clock = clock;
    changes.onDeleted(failuresInARow::remove);
    changes.onDeleted(id -> sync.forget(id.getNamespace().orElse(""), id.getName()));
  }

  /** The API server's listing order: by namespace, then name. */
  private static final Comparator<FideliusSecret> LISTING_ORDER =
      Comparator.comparing((FideliusSecret f) -> f.getMetadata().getNamespace())
          .thenComparing(f -> f.getMetadata().getName());

  /**
   * A first sync here (a new resource, or any resource after a restart): the others still waiting
   * for theirs get their secrets read ahead, in batches, while this thread syncs.
   */
  private void readAheadForOthers(Context<FideliusSecret> context) {
    var cache = context.getPrimaryCache();
    KubernetesClient client = context.getClient();
    sync.readAhead(
        wanted -> {
          List<SyncRequest> waiting = new ArrayList<>();
          // In the API server's listing order, so that every run reads in the same order; only
          // those still wanted are sorted (sorting the whole cache on each run, once a second at
          // a cold start, took a twentieth of the jar's CPU at 5,000 FideliusSecrets).
          cache
              .list()
              .filter(
                  f ->
                      wanted.test(f.getMetadata().getUid())
                          && !sync.syncedHere(
                              f.getMetadata().getNamespace(),
                              f.getMetadata().getName(),
                              f.getMetadata().getUid()))
              .sorted(LISTING_ORDER)
              .forEach(
                  f -> {
                    try {
                      waiting.add(secondaries.requestFor(f, client));
                    } catch (RuntimeException e) { // its own sync reports it
                      LOG.debug(
                          "no read-ahead for {}: {}", f.getMetadata().getName(), e.getClass());
                    }
                  });
          return waiting;
        });
  }

  /**
   * Which updates of a FideliusSecret reconcile it: spec changes, a new force-sync value, deletion.
   */
  public static OnUpdateFilter<FideliusSecret> onUpdateFilter() {
    return ForceSync.onUpdate();
  }

  @Override
  public List<EventSource<?, FideliusSecret>> prepareEventSources(
      EventSourceContext<FideliusSecret> context) {
    List<EventSource<?, FideliusSecret>> sources =
        new ArrayList<>(secondaries.eventSources(context));
    var primaries = context.getPrimaryCache();
    metrics.watchSecretExistence(
        (namespace, name) -> primaries.get(new ResourceID(name, namespace)).isPresent());
    sources.add(changes);
    return sources;
  }

  @Override
  public UpdateControl<FideliusSecret> reconcile(
      FideliusSecret fsec, Context<FideliusSecret> context) {
    Instant started = clock.instant();
    ResourceID id = ResourceID.fromResource(fsec);
    SyncReport report;
    boolean forced = ForceSync.pending(fsec);
    if (!sync.syncedHere(id.getNamespace().orElse(""), id.getName(), fsec.getMetadata().getUid())) {
      readAheadForOthers(context);
    }
    try {
      // Building the request may read the namespace and the target from the API server: within the
      // budget too.
      report =
          deadline.run(
              id,
              () -> sync.sync(secondaries.requestFor(fsec, context.getClient()).forcing(forced)),
              message ->
                  SyncReport.failure(
                      Reasons.SYNC_TIMEOUT,
                      message,
                      true,
                      Duration.ofMinutes(5),
                      SyncRequest.targetName(fsec.getMetadata().getName(), fsec.getSpec())));
      if (!Reasons.SYNC_TIMEOUT.equals(report.reason())) {
        changes.track(
            id, report.interest()); // an abandoned sync read nothing: keep what was read before
        // Deleted while this sync ran: its deletion already made change detection forget it, and
        // the track above would keep its backend (and change feed) forever. The informer drops a
        // deleted resource from the cache before it reports the deletion, so checking after the
        // track covers every order.
        if (context.getPrimaryCache().get(id).isEmpty()) {
          changes.untrack(id);
        }
      }
    } catch (RuntimeException e) {
      // Kubernetes API failures (conflicts, timeouts) and bugs: status says so, data stays, retry
      // with backoff;
      // change detection keeps what the resource read before.
      LOG.warn(
          "sync of {}/{} failed: {}",
          id.getNamespace().orElse(""),
          id.getName(),
          e.getClass().getSimpleName());
      report =
          SyncReport.failure(
              "SyncError",
              "sync failed: " + safeMessage(e),
              true,
              Duration.ofMinutes(5),
              SyncRequest.targetName(fsec.getMetadata().getName(), fsec.getSpec()));
    }
    return finish(fsec, context, id, report, forced, Duration.between(started, clock.instant()));
  }

  @Override
  public ErrorStatusUpdateControl<FideliusSecret> updateErrorStatus(
      FideliusSecret resource, Context<FideliusSecret> context, Exception e) {
    return ErrorStatusUpdateControl.noStatusUpdate();
  }

  private UpdateControl<FideliusSecret> finish(
      FideliusSecret fsec,
      Context<FideliusSecret> context,
      ResourceID id,
      SyncReport report,
      boolean forced,
      Duration took) {
    FideliusSecretStatus previous =
        fsec.getStatus() == null ? new FideliusSecretStatus() : fsec.getStatus();
    FideliusSecretStatus next =
        StatusProjection.next(
            previous, report, fsec.getMetadata().getGeneration(), clock.instant());
    next.setForceSyncHonoured(ForceSync.honoured(fsec, forced, report));
    record(report, took);
    metrics.recordSecret(SecretMetricsProjection.of(fsec, next, report));
    announce(fsec, report, ReadyCondition.changed(previous.getConditions(), next.getConditions()));
    if (ServedRegions.moved(previous.getServedBy(), next.getServedBy())) {
      events.normal(
          fsec,
          "RegionSwitched",
          "read from "
              + next.getServedBy().getRegion()
              + (Boolean.TRUE.equals(next.getServedBy().getFailover())
                  ? " (a failover region)"
                  : " (the primary region)")
              + " since "
              + next.getServedBy().getSince()
              + "; before from "
              + previous.getServedBy().getRegion());
    }
    Duration nextRun =
        RestartSchedule.sooner(nextRun(id, report), report.restarts(), clock.instant());
    if (StatusProjection.differs(previous, next, report.refreshInterval(), clock.instant())) {
      StatusWriter.write(fsec, next, context);
    }
    UpdateControl<FideliusSecret> control = UpdateControl.noUpdate();
    return nextRun == null ? control : control.rescheduleAfter(nextRun);
  }

  private void record(SyncReport report, Duration took) {
    if (report.ready()) {
      metrics.recordSync(report.dataChanged() ? "changed" : "unchanged", took);
    } else {
      metrics.recordSync("failed", took);
      metrics.recordError(report.reason());
    }
    if (report.restarts() != null) {
      metrics.recordRestarts(report.restarts().restarted().size());
      RestartSchedule.recordWaiting(metrics, report.restarts());
    }
  }

  /** Events and logs: on every data change, and when the condition changes. */
  private void announce(FideliusSecret fsec, SyncReport report, boolean conditionChanged) {
    String name = fsec.getMetadata().getNamespace() + "/" + fsec.getMetadata().getName();
    if (report.dataChanged()) {
      events.normal(fsec, "Synced", report.write().message());
      LOG.info("{}: {}", name, report.write().message());
    }
    RestartSchedule.announce(events, fsec, report.restarts());
    if (conditionChanged && !report.ready()) {
      events.warning(fsec, report.reason(), report.message());
      LOG.info("{} not ready: {}: {}", name, report.reason(), report.message());
    } else if (conditionChanged && !report.dataChanged()) {
      events.normal(fsec, report.reason(), report.message());
    }
  }

  /**
   * After success: the refresh interval (none for sync-once). After failure: backoff with jitter.
   */
  private Duration nextRun(ResourceID id, SyncReport report) {
    if (report.ready()) {
      failuresInARow.remove(id);
      return report.refreshInterval().isZero() ? null : report.refreshInterval();
    }
    int attempt = failuresInARow.merge(id, 1, Integer::sum);
    if (!report.transientFailure()) {
      // Only a change (of the spec, the store or the item) can fix it; those trigger reconciles
      // themselves.
      return report.refreshInterval().isZero() ? null : report.refreshInterval();
    }
    Duration cap = Duration.ofMinutes(5);
    if (!report.refreshInterval().isZero() && report.refreshInterval().compareTo(cap) < 0) {
      cap = report.refreshInterval();
    }
    return Backoff.delay(attempt, cap);
  }

  /**
   * Kubernetes API errors carry status messages about resources, never secret values; bound them
   * anyway.
   */
  private static String safeMessage(RuntimeException e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    m = m.replaceAll("\\s+", " ");
    return m.length() > 300 ? m.substring(0, 300) + "..." : m;
  }
}
