package dev.fidelius.operator.reconciler;

import dev.fidelius.operator.access.AccessDecision;
import dev.fidelius.operator.api.ApiGroup;
import dev.fidelius.operator.api.CreationPolicy;
import dev.fidelius.operator.api.DeletionPolicy;
import dev.fidelius.operator.api.FideliusSecret;
import dev.fidelius.operator.api.FideliusSecretSpec;
import dev.fidelius.operator.api.SecretTarget;
import dev.fidelius.operator.aws.AwsIdentity;
import dev.fidelius.operator.backend.BackendError;
import dev.fidelius.operator.backend.ErrorKind;
import dev.fidelius.operator.backend.Outcome;
import dev.fidelius.operator.config.OperatorConfig;
import dev.fidelius.operator.render.DataHash;
import dev.fidelius.operator.render.SecretDataComposer;
import dev.fidelius.operator.store.BackendRegistry;
import dev.fidelius.operator.store.IdentityResolver;
import dev.fidelius.operator.store.ResolvedStore;
import dev.fidelius.operator.store.StoreSpecValidator;
import dev.fidelius.operator.sweep.ChangeSweeper;
import dev.fidelius.operator.sweep.Interest;
import dev.fidelius.operator.sweep.VersionSnapshot;
import dev.fidelius.operator.sync.CollectedData;
import dev.fidelius.operator.sync.PriorSync;
import dev.fidelius.operator.sync.SecretCollector;
import dev.fidelius.operator.sync.SourcePlan;
import dev.fidelius.operator.sync.SourcePlanner;
import dev.fidelius.operator.target.RolloutRestarter;
import dev.fidelius.operator.target.WorkloadRestarter;
import dev.fidelius.operator.target.KubernetesTargetWriter;
import dev.fidelius.operator.target.TargetWriter;
import dev.fidelius.operator.target.TargetSpec;
import dev.fidelius.operator.target.WriteResult;
import io.fabric8.kubernetes.api.model.Secret;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One sync of one FideliusSecret, the reconcile flow of the design: resolve the store, authorize, pick the
 * AWS identity, read through the shared backend (and the shared sweep's snapshot), render, write the Secret
 * only when the data differs, and restart workloads when it changed.
 *
 * <p>Failure rule: every failure returns before the write, so a Secret synced before keeps its data. Only
 * {@code deletionPolicy: Delete} with a confirmed NotFound removes keys.
 */
public final class FideliusSecretSync {

  private final OperatorConfig config;
  private final StoreSpecValidator storeValidator;
  private final IdentityResolver identities;
  private final BackendRegistry backends;
  private final ChangeSweeper sweeper;
  private final TargetWriter writer;
  private final WorkloadRestarter restarter;

  public FideliusSecretSync(OperatorConfig config, IdentityResolver identities, BackendRegistry backends,
      ChangeSweeper sweeper, TargetWriter writer, WorkloadRestarter restarter) {
    this.config = config;
    this.storeValidator = StoreSpecValidator.of(config);
    this.identities = identities;
    this.backends = backends;
    this.sweeper = sweeper;
    this.writer = writer;
    this.restarter = restarter;
  }

  /**
   * @param store the store the spec names, if it exists
   * @param namespaceLabels labels of the FideliusSecret's namespace, for access rules with selectors
   * @param existingTarget the target Secret as it is now, or null
   * @param resourceKey how the sweeper names this resource when it asks for a reconcile
   */
  public SyncReport sync(FideliusSecret fsec, Optional<ResolvedStore> store, Map<String, String> namespaceLabels,
      Secret existingTarget, Object resourceKey) {
    FideliusSecretSpec spec = fsec.getSpec();
    String namespace = fsec.getMetadata().getNamespace();
    String targetName = targetName(fsec);
    Duration fallbackInterval = config.defaultRefreshInterval();
    if (spec == null || spec.getStoreRef() == null) {
      return unserved(resourceKey, Reasons.INVALID_SPEC, "spec.storeRef is required", false, fallbackInterval,
          targetName);
    }
    String storeLabel = spec.getStoreRef().getKind() + " " + spec.getStoreRef().getName();
    if (store.isEmpty()) {
      boolean cluster = spec.getStoreRef().getKind() == dev.fidelius.operator.api.StoreKind.ClusterFideliusStore;
      String where = cluster ? (config.watchClusterResources() ? ""
          : " (this operator is namespace-scoped and does not read ClusterFideliusStores)")
          : " in namespace " + namespace;
      return unserved(resourceKey, Reasons.STORE_NOT_READY, storeLabel + " not found" + where, true,
          fallbackInterval, targetName);
    }
    ResolvedStore resolved = store.get();
    Optional<Duration> interval = RefreshIntervals.effective(spec.getRefreshInterval(),
        resolved.spec().getRefreshInterval(), config.defaultRefreshInterval(), config.minRefreshInterval());
    if (interval.isEmpty()) {
      return unserved(resourceKey, Reasons.INVALID_SPEC, "spec.refreshInterval is not a duration such as 30s, 5m"
          + " or 1h", false, fallbackInterval, targetName);
    }
    Duration refresh = interval.get();
    List<String> storeProblems = storeValidator.problems(resolved.spec(), resolved.namespaced());
    if (!storeProblems.isEmpty()) {
      return unserved(resourceKey, Reasons.STORE_NOT_READY, resolved.displayName() + " is not usable: "
          + String.join("; ", storeProblems), true, refresh, targetName);
    }

    AccessGate access = new AccessGate(resolved, namespace, namespaceLabels, spec);
    AccessDecision decision = access.decision();
    if (!decision.allowed()) {
      return unserved(resourceKey, Reasons.ACCESS_DENIED, decision.message(), true, refresh, targetName);
    }

    // Secrets Manager has staging labels; Parameter Store has labels, read through versionStage just the same.
    boolean storeHasStages = resolved.spec().getProvider().getSecretsManager() != null
        || resolved.spec().getProvider().getParameterStore() != null;
    Outcome<SourcePlan> planned = SourcePlanner.plan(spec, storeHasStages);
    if (!planned.isOk()) {
      return unserved(resourceKey, Reasons.INVALID_SPEC, planned.error().message(), false, refresh, targetName);
    }
    SourcePlan plan = access.limit(planned.value());
    Optional<String> targetProblem = targetProblem(spec.getTarget());
    if (targetProblem.isPresent()) {
      return unserved(resourceKey, Reasons.INVALID_SPEC, targetProblem.get(), false, refresh, targetName);
    }

    Outcome<AwsIdentity> identity = identities.identityFor(resolved, namespace);
    if (!identity.isOk()) {
      // Retried with backoff even though only a change can fix it: the ServiceAccount (or its annotation) is
      // often applied after the FideliusSecret, and nothing watches ServiceAccounts to say when it arrives.
      return unserved(resourceKey, identity.error().kind().reason(), identity.error().message(), true, refresh,
          targetName);
    }
    BackendRegistry.Handle handle = backends.backendFor(resolved, identity.value());
    Optional<VersionSnapshot> snapshot = sweeper.currentSnapshot(handle.key(), refresh);
    CollectedData collected = SecretCollector.collect(plan, handle.backend(), snapshot, priorSync(fsec));

    if (refresh.isZero()) {
      sweeper.unregister(resourceKey); // sync once: nothing to watch, even if it was watched before
    } else {
      sweeper.register(handle.key(), handle.backend(), resourceKey, new Interest(plan.latestIds(),
          plan.findScopes(), refresh, collected.versionsById(), collected.scopeNames()));
    }

    DeletionPolicy deletion = spec.getTarget() == null || spec.getTarget().getDeletionPolicy() == null
        ? DeletionPolicy.Retain : spec.getTarget().getDeletionPolicy();
    boolean pruneMissing = deletion == DeletionPolicy.Delete && collected.onlyNotFound();
    if (!collected.complete() && !pruneMissing) {
      BackendError head = Reasons.headline(collected.failures());
      String prefix = existingTarget != null ? "kept the last synced data of Secret " + targetName + ": " : "";
      return SyncReport.failure(head.kind().reason(), prefix + Reasons.summarize(collected.failures()),
          collected.failures().stream().allMatch(f -> f.kind().isTransient()), refresh, targetName);
    }

    Outcome<Map<String, byte[]>> composed = SecretDataComposer.compose(collected.data(),
        spec.getTarget() == null ? null : spec.getTarget().getTemplate());
    if (!composed.isOk()) {
      return SyncReport.failure(Reasons.INVALID_SPEC, composed.error().message(), false, refresh, targetName);
    }
    TargetSpec target = targetSpec(fsec, targetName);
    String hash = DataHash.of(composed.value(), target.type());
    WriteResult write = writer.write(target, existingTarget, composed.value(), hash);
    if (write.kind() == WriteResult.Kind.CONFLICT) {
      return SyncReport.failure(Reasons.TARGET_CONFLICT, write.message(), true, refresh, targetName);
    }
    if (write.kind() == WriteResult.Kind.MISSING_FOR_MERGE) {
      return SyncReport.failure(Reasons.TARGET_NOT_FOUND, write.message(), true, refresh, targetName);
    }

    WorkloadRestarter.Result restarts = null;
    String previousHash = fsec.getStatus() == null ? null : fsec.getStatus().getDataHash();
    if (previousHash != null && !previousHash.equals(hash) && spec.getRolloutRestartTargets() != null
        && !spec.getRolloutRestartTargets().isEmpty()) {
      restarts = restarter.restart(namespace, fsec.getMetadata().getName(), spec.getRolloutRestartTargets(), hash);
    }

    Map<String, String> versions = new TreeMap<>(collected.syncedVersions());
    if (pruneMissing) {
      return new SyncReport(false, Reasons.NOT_FOUND, Reasons.summarize(collected.failures())
          + "; removed key(s) " + collected.notFoundKeys() + " as deletionPolicy is Delete", true, refresh,
          targetName, versions, hash, write, restarts);
    }
    String message = "Secret " + targetName + " " + describe(write) + ": " + composed.value().size() + " key(s) from "
        + versions.size() + " secret(s) in " + resolved.displayName();
    if (restarts != null && !restarts.problems().isEmpty()) {
      message += "; rollout restart problems: " + String.join(", ", restarts.problems());
    }
    return new SyncReport(true, Reasons.SYNCED, message, false, refresh, targetName, versions, hash, write, restarts);
  }

  /**
   * A failure before any backend is chosen. The resource leaves change detection: whatever it read before
   * (from a store that changed, as an identity it may no longer use, under a rule that no longer admits it) is
   * not read for it any more, and no sweep triggers it until something it depends on changes.
   */
  private SyncReport unserved(Object resourceKey, String reason, String message, boolean transientFailure,
      Duration refresh, String targetName) {
    sweeper.unregister(resourceKey);
    return SyncReport.failure(reason, message, transientFailure, refresh, targetName);
  }

  /**
   * The last sync, from status. lastRefreshTime is stamped after that sync's reads, so a snapshot taken after
   * it was taken after those reads.
   */
  static PriorSync priorSync(FideliusSecret fsec) {
    var status = fsec.getStatus();
    if (status == null || status.getLastRefreshTime() == null) {
      return PriorSync.NONE;
    }
    try {
      return new PriorSync(status.getSyncedVersions(), Instant.parse(status.getLastRefreshTime()));
    } catch (DateTimeParseException e) {
      return PriorSync.NONE;
    }
  }

  private static Optional<String> targetProblem(SecretTarget target) {
    if (target == null) {
      return Optional.empty();
    }
    if (target.getCreationPolicy() == CreationPolicy.Merge && Boolean.TRUE.equals(target.getImmutable())) {
      return Optional.of("spec.target.immutable cannot be combined with creationPolicy Merge: the operator does not"
          + " own the Secret it merges into");
    }
    if (target.getCreationPolicy() == CreationPolicy.Merge && target.getType() != null) {
      return Optional.of("spec.target.type cannot be set with creationPolicy Merge: the existing Secret keeps its type");
    }
    return Optional.empty();
  }

  static String targetName(FideliusSecret fsec) {
    SecretTarget target = fsec.getSpec() == null ? null : fsec.getSpec().getTarget();
    return target != null && target.getName() != null ? target.getName() : fsec.getMetadata().getName();
  }

  private static TargetSpec targetSpec(FideliusSecret fsec, String name) {
    SecretTarget t = fsec.getSpec().getTarget() == null ? new SecretTarget() : fsec.getSpec().getTarget();
    CreationPolicy policy = t.getCreationPolicy() == null ? CreationPolicy.Owner : t.getCreationPolicy();
    return new TargetSpec(fsec.getMetadata().getNamespace(), name, t.getType() == null ? "Opaque" : t.getType(),
        t.getLabels(), t.getAnnotations(), policy, Boolean.TRUE.equals(t.getImmutable()),
        new TargetSpec.Owner(ApiGroup.API_VERSION, "FideliusSecret", fsec.getMetadata().getName(),
            fsec.getMetadata().getUid()));
  }

  private static String describe(WriteResult write) {
    return switch (write.kind()) {
      case CREATED -> "created";
      case UPDATED -> "updated";
      case REPLACED -> "replaced";
      case DELETED -> "deleted";
      default -> "is current";
    };
  }

  /** Whether a failure kind is worth an immediate retry with backoff (vs. waiting for a change). */
  static boolean retryable(ErrorKind kind) {
    return kind.isTransient();
  }
}
