package dev.fidelius.operator.sync;

import dev.fidelius.operator.api.DeletionPolicy;
import dev.fidelius.operator.aws.AwsIdentity;
import dev.fidelius.operator.backend.BackendError;
import dev.fidelius.operator.backend.Outcome;
import dev.fidelius.operator.backend.SecretId;
import dev.fidelius.operator.backend.ServingRegion;
import dev.fidelius.operator.render.DataHash;
import dev.fidelius.operator.render.SecretDataComposer;
import dev.fidelius.operator.status.Reasons;
import dev.fidelius.operator.store.BackendRegistry;
import dev.fidelius.operator.store.IdentityResolver;
import dev.fidelius.operator.sweep.Interest;
import dev.fidelius.operator.sweep.Registration;
import dev.fidelius.operator.sweep.SnapshotSource;
import dev.fidelius.operator.sweep.VersionSnapshot;
import dev.fidelius.operator.target.TargetWriter;
import dev.fidelius.operator.target.WorkloadRestarter;
import dev.fidelius.operator.target.WriteResult;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One sync of one FideliusSecret: validate, resolve (identity, backend), collect (through the
 * shared backend and change detection's snapshot), compose, write only when the data differs, and
 * restart workloads when it changed. The report says what was read, for change detection.
 *
 * <p>Failure rule: every failure returns before the write, so a Secret synced before keeps its
 * data. Only {@code deletionPolicy: Delete} with a confirmed NotFound removes keys.
 */
public final class FideliusSecretSync {

  private final SyncValidator validator;
  private final IdentityResolver identities;
  private final BackendRegistry backends;
  private final SnapshotSource snapshots;
  private final TargetWriter writer;
  private final RestartPacer restarts;
  private final LastSyncs lastSyncs = new LastSyncs();
  private final FirstReadAhead readAhead;
  private final java.time.Clock clock = java.time.Clock.systemUTC();

  public FideliusSecretSync(
      SyncValidator validator,
      IdentityResolver identities,
      BackendRegistry backends,
      SnapshotSource snapshots,
      TargetWriter writer,
      WorkloadRestarter restarter) {
    this(validator, identities, backends, snapshots, writer, restarter, null);
  }

  /**
   * @param readAhead reads ahead for resources waiting for their first sync here; null for none
   */
  public FideliusSecretSync(
      SyncValidator validator,
      IdentityResolver identities,
      BackendRegistry backends,
      SnapshotSource snapshots,
      TargetWriter writer,
      WorkloadRestarter restarter,
      FirstReadAhead readAhead) {
    this.readAhead = readAhead;
    this.validator = validator;
    this.identities = identities;
    this.backends = backends;
    this.snapshots = snapshots;
    this.writer = writer;
    this.restarts = new RestartPacer(restarter, java.time.Clock.systemUTC());
  }

  public SyncReport sync(SyncRequest request) {
    Validation validation = validator.validate(request);
    if (validation instanceof Validation.Invalid invalid) {
      return SyncReport.failure(
          invalid.reason(),
          invalid.message(),
          invalid.transientFailure(),
          invalid.refresh(),
          request.targetName());
    }
    SyncPlan plan = ((Validation.Valid) validation).plan();
    Outcome<AwsIdentity> identity = identities.identityFor(plan.store(), request.namespace());
    if (!identity.isOk()) {
      // Retried with backoff even though only a change can fix it: the ServiceAccount (or its
      // annotation) is
      // often applied after the FideliusSecret, and nothing watches ServiceAccounts to say when it
      // arrives.
      return SyncReport.failure(
          identity.error().kind().reason(),
          identity.error().message(),
          true,
          plan.refresh(),
          request.targetName());
    }
    BackendRegistry.Handle handle = backends.backendFor(plan.store(), identity.value());
    // A forced sync trusts no sweep: latest reads and listings go to the store (the value cache
    // still serves
    // versions it knows).
    CollectedData collected =
        SecretCollector.collect(
            plan.sources(),
            handle.backend(),
            request.forceSync() ? Optional.empty() : snapshot(request, handle, plan),
            lastSyncs.newest(request, PriorSync.fromStatus(request.status())));
    Optional<Registration> interest =
        plan.refresh().isZero()
            ? Optional.empty()
            : Optional.of(
                new Registration(
                    handle.key(),
                    handle.backend(),
                    new Interest(
                        plan.sources().latestIds(),
                        plan.sources().findScopes(),
                        plan.refresh(),
                        collected.versionsById(),
                        collected.scopeNames())));
    Optional<ServingRegion> served = handle.backend().serving();
    SyncReport report = composeAndWrite(request, plan, collected, served);
    if (report.ready()) {
      lastSyncs.record(
          request,
          new PriorSync(
              report.syncedVersions(),
              clock.instant(),
              PriorSync.updatedOn(collected.sources()),
              served.map(ServingRegion::region).orElse(null)));
    }
    return report.reading(interest).withSources(collected.sources()).servedBy(served);
  }

  /**
   * Change detection's last sweep; before there is one (a cold start), what was read ahead for a
   * resource this process has not synced yet.
   */
  private Optional<VersionSnapshot> snapshot(
      SyncRequest request, BackendRegistry.Handle handle, SyncPlan plan) {
    Optional<VersionSnapshot> swept = snapshots.currentSnapshot(handle.key(), plan.refresh());
    if (readAhead == null || syncedHere(request)) {
      return swept;
    }
    // At a cold start the first sweeps know only the resources synced so far: what was read ahead
    // completes them.
    Set<SecretId> unswept = new LinkedHashSet<>(plan.sources().latestIds());
    swept.ifPresent(s -> unswept.removeIf(id -> s.version(id).isPresent() || s.knownMissing(id)));
    if (unswept.isEmpty()) {
      return swept;
    }
    Optional<VersionSnapshot> ahead = readAhead.snapshotFor(handle.key(), unswept);
    if (!knowsAll(ahead, unswept) && readAhead.readAlong(request.uid(), handle, plan)) {
      ahead = readAhead.snapshotFor(handle.key(), unswept);
    }
    if (ahead.isEmpty() || swept.isEmpty()) {
      return ahead.isPresent() ? ahead : swept;
    }
    return Optional.of(swept.get().completedBy(ahead.get()));
  }

  private static boolean knowsAll(Optional<VersionSnapshot> snapshot, Set<SecretId> ids) {
    return snapshot.isPresent()
        && ids.stream()
            .allMatch(
                id -> snapshot.get().version(id).isPresent() || snapshot.get().knownMissing(id));
  }

  /** Whether this process synced the resource of this request at least once. */
  public boolean syncedHere(SyncRequest request) {
    return lastSyncs.has(request.namespace(), request.name(), request.uid());
  }

  /** Whether this process synced this resource (namespace, name, uid) at least once. */
  public boolean syncedHere(String namespace, String name, String uid) {
    return lastSyncs.has(namespace, name, uid);
  }

  /**
   * A resource starts its first sync here: read ahead for the others still waiting for theirs
   * ({@link FirstReadAhead}); nothing without a read-ahead.
   *
   * @param waiting the requests of resources this process has not synced yet whose uid passes the
   *     given test (built lazily, off the reconcile thread)
   */
  public void readAhead(Function<Predicate<String>, Collection<SyncRequest>> waiting) {
    if (readAhead != null) {
      readAhead.kick(waiting, this::syncedHere);
    }
  }

  /** Forgets a deleted FideliusSecret's last sync. */
  public void forget(String namespace, String name) {
    lastSyncs.forget(namespace, name);
  }

  private SyncReport composeAndWrite(
      SyncRequest request, SyncPlan plan, CollectedData collected, Optional<ServingRegion> served) {
    String targetName = request.targetName();
    // A replica may not hold a secret yet (or at all): only the primary region's NotFound deletes.
    boolean pruneMissing =
        plan.deletion() == DeletionPolicy.Delete
            && collected.onlyNotFound()
            && served.map(ServingRegion::primary).orElse(true);
    if (!collected.complete() && !pruneMissing) {
      return readFailure(request, plan, collected);
    }
    Outcome<Map<String, byte[]>> composed =
        SecretDataComposer.compose(collected.data(), plan.template());
    if (!composed.isOk()) {
      return SyncReport.failure(
          Reasons.INVALID_SPEC, composed.error().message(), false, plan.refresh(), targetName);
    }
    String hash = DataHash.of(composed.value(), plan.target().type());
    WriteResult write = writer.write(plan.target(), request.target(), composed.value(), hash);
    if (write.kind() == WriteResult.Kind.CONFLICT) {
      return SyncReport.failure(
          Reasons.TARGET_CONFLICT, write.message(), true, plan.refresh(), targetName);
    }
    if (write.kind() == WriteResult.Kind.MISSING_FOR_MERGE) {
      return SyncReport.failure(
          Reasons.TARGET_NOT_FOUND, write.message(), true, plan.refresh(), targetName);
    }
    WorkloadRestarter.Result restarts = restartIfChanged(request, plan, hash);
    Map<String, String> versions = new TreeMap<>(collected.syncedVersions());
    String message =
        pruneMissing
            ? Reasons.summarize(collected.failures())
                + "; removed key(s) "
                + collected.notFoundKeys()
                + " as deletionPolicy is Delete"
            : syncedMessage(plan, targetName, composed.value().size(), versions.size(), restarts);
    return new SyncReport(
        !pruneMissing,
        pruneMissing ? Reasons.NOT_FOUND : Reasons.SYNCED,
        message,
        pruneMissing,
        plan.refresh(),
        targetName,
        versions,
        hash,
        write,
        restarts,
        Optional.empty());
  }

  /** Some source failed: nothing is written, and the Secret keeps the data it has. */
  private static SyncReport readFailure(
      SyncRequest request, SyncPlan plan, CollectedData collected) {
    BackendError head = Reasons.headline(collected.failures());
    String prefix =
        request.target().exists()
            ? "kept the last synced data of Secret " + request.targetName() + ": "
            : "";
    return SyncReport.failure(
        head.kind().reason(),
        prefix + Reasons.summarize(collected.failures()),
        collected.failures().stream().allMatch(f -> f.kind().isTransient()),
        plan.refresh(),
        request.targetName());
  }

  /**
   * The same words whether this sync wrote the Secret or found it current (Events say which): the
   * reconcile that follows every write, and every quiet refresh, then leave the condition and so
   * the status as they are, and write nothing.
   */
  private static String syncedMessage(
      SyncPlan plan, String targetName, int keys, int secrets, WorkloadRestarter.Result restarts) {
    String message =
        "Secret "
            + targetName
            + " holds "
            + keys
            + " key(s) from "
            + secrets
            + " secret(s) in "
            + plan.store().displayName();
    if (restarts != null && !restarts.problems().isEmpty()) {
      message += "; rollout restart problems: " + String.join(", ", restarts.problems());
    }
    return message;
  }

  /**
   * Restarts the workloads once per data change, paced (see {@link RestartPacer}); never on the
   * first sync (nothing ran with older data).
   */
  private WorkloadRestarter.Result restartIfChanged(
      SyncRequest request, SyncPlan plan, String hash) {
    String previousHash = request.status() == null ? null : request.status().getDataHash();
    return restarts.pace(request, plan, hash, previousHash != null && !previousHash.equals(hash));
  }
}
