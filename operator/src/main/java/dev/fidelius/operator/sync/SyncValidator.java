package dev.fidelius.operator.sync;

import dev.fidelius.operator.access.AccessDecision;
import dev.fidelius.operator.api.ApiGroup;
import dev.fidelius.operator.api.CreationPolicy;
import dev.fidelius.operator.api.DeletionPolicy;
import dev.fidelius.operator.api.FideliusSecretSpec;
import dev.fidelius.operator.api.SecretTarget;
import dev.fidelius.operator.api.StoreKind;
import dev.fidelius.operator.backend.Outcome;
import dev.fidelius.operator.config.OperatorConfig;
import dev.fidelius.operator.provider.StoreProvider;
import dev.fidelius.operator.status.Reasons;
import dev.fidelius.operator.store.ProviderRegistry;
import dev.fidelius.operator.store.ResolvedStore;
import dev.fidelius.operator.store.StoreSpecValidator;
import dev.fidelius.operator.target.TargetSpec;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Turns a FideliusSecret spec and the store it names into a {@link SyncPlan}, or into the first
 * problem in the order a user fixes them: the store reference, the store, the refresh interval, the
 * store's own spec, access, the sources, the target. Pure: no I/O, no clock.
 */
public final class SyncValidator {

  private final OperatorConfig config;
  private final ProviderRegistry providers;
  private final StoreSpecValidator stores;

  /**
   * Rules about the spec alone, checked in order after the sources; a new rule is one line here (a
   * rule that an administrator can relax reads {@code config} in its lambda).
   */
  private final List<SpecCheck> checks;

  public SyncValidator(OperatorConfig config, ProviderRegistry providers) {
    this.config = config;
    this.providers = providers;
    this.stores = StoreSpecValidator.of(config, providers);
    this.checks =
        List.of(
            TargetChecks::typeIsWritable,
            TargetChecks::mergeIsNotImmutable,
            TargetChecks::mergeKeepsType);
  }

  public Validation validate(SyncRequest request) {
    FideliusSecretSpec spec = request.spec();
    Duration fallback = config.defaultRefreshInterval();
    if (spec == null || spec.getStoreRef() == null) {
      return new Validation.Invalid(
          Reasons.INVALID_SPEC, "spec.storeRef is required", false, fallback);
    }
    if (request.store().isEmpty()) {
      return new Validation.Invalid(
          Reasons.STORE_NOT_READY, missingStore(spec, request.namespace()), true, fallback);
    }
    ResolvedStore store = request.store().get();
    Optional<Duration> interval =
        RefreshIntervals.effective(
            spec.getRefreshInterval(),
            store.spec().getRefreshInterval(),
            config.defaultRefreshInterval(),
            config.minRefreshInterval());
    if (interval.isEmpty()) {
      return new Validation.Invalid(
          Reasons.INVALID_SPEC,
          "spec.refreshInterval is not a duration such as 30s, 5m" + " or 1h",
          false,
          fallback);
    }
    Duration refresh = interval.get();
    List<String> storeProblems = stores.problems(store.spec(), store.namespaced());
    if (!storeProblems.isEmpty()) {
      return new Validation.Invalid(
          Reasons.STORE_NOT_READY,
          store.displayName() + " is not usable: " + String.join("; ", storeProblems),
          true,
          refresh);
    }
    StoreProvider provider = providers.require(store.spec());
    AccessGate access =
        new AccessGate(
            store,
            provider.naming(store.spec()),
            request.namespace(),
            request.namespaceLabels(),
            spec);
    AccessDecision decision = access.decision();
    if (!decision.allowed()) {
      return new Validation.Invalid(Reasons.ACCESS_DENIED, decision.message(), true, refresh);
    }
    Outcome<SourcePlan> sources = SourcePlanner.plan(spec, provider.capabilities());
    if (!sources.isOk()) {
      return new Validation.Invalid(
          Reasons.INVALID_SPEC, sources.error().message(), false, refresh);
    }
    for (SpecCheck check : checks) {
      Optional<String> problem = check.problem(spec);
      if (problem.isPresent()) {
        return new Validation.Invalid(Reasons.INVALID_SPEC, problem.get(), false, refresh);
      }
    }
    SecretTarget target = spec.getTarget() == null ? new SecretTarget() : spec.getTarget();
    return new Validation.Valid(
        new SyncPlan(
            store,
            refresh,
            access.limit(sources.value()),
            targetSpec(request, target),
            target.getTemplate(),
            target.getDeletionPolicy() == null ? DeletionPolicy.Retain : target.getDeletionPolicy(),
            spec.getRolloutRestartTargets()));
  }

  private String missingStore(FideliusSecretSpec spec, String namespace) {
    String label = spec.getStoreRef().getKind() + " " + spec.getStoreRef().getName();
    if (spec.getStoreRef().getKind() != StoreKind.ClusterFideliusStore) {
      return label + " not found in namespace " + namespace;
    }
    return label
        + " not found"
        + (config.watchClusterResources()
            ? ""
            : " (this operator is namespace-scoped and does not read ClusterFideliusStores)");
  }

  private static TargetSpec targetSpec(SyncRequest request, SecretTarget t) {
    CreationPolicy policy =
        t.getCreationPolicy() == null ? CreationPolicy.Owner : t.getCreationPolicy();
    return new TargetSpec(
        request.namespace(),
        request.targetName(),
        t.getType() == null ? "Opaque" : t.getType(),
        t.getLabels(),
        t.getAnnotations(),
        policy,
        Boolean.TRUE.equals(t.getImmutable()),
        new TargetSpec.Owner(
            ApiGroup.API_VERSION, "FideliusSecret", request.name(), request.uid()));
  }
}
