package dev.fidelius.operator.store;

import dev.fidelius.operator.access.AllowRuleBounds;
import dev.fidelius.operator.access.DenyRuleChecks;
import dev.fidelius.operator.api.FideliusStoreSpec;
import dev.fidelius.operator.api.StoreAuth;
import dev.fidelius.operator.api.StoreEndpoints;
import dev.fidelius.operator.config.Durations;
import dev.fidelius.operator.config.OperatorConfig;
import dev.fidelius.operator.config.TenantPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Checks what the CRD schema cannot say about a store: exactly one provider (and its own settings,
 * which the provider checks), one kind of auth, URLs that parse, and that a namespaced store asks
 * for nothing its {@link NamespacedStorePolicy} forbids (the operator's own AWS identity, endpoint
 * overrides), and deny rules that would deny less than they seem to ({@link DenyRuleChecks}).
 */
public final class StoreSpecValidator {

  private static final String ASK_THE_ADMIN =
      "; use a ClusterFideliusStore, or ask the cluster admin to set ";

  private final NamespacedStorePolicy namespacedStores;
  private final ProviderRegistry providers;
  private final Set<String> allowedAudiences;

  public StoreSpecValidator(
      NamespacedStorePolicy namespacedStores,
      ProviderRegistry providers,
      Set<String> allowedAudiences) {
    this.namespacedStores = namespacedStores;
    this.providers = providers;
    this.allowedAudiences = Set.copyOf(allowedAudiences);
  }

  /** The standard providers; only the STS audience for ServiceAccount tokens. */
  public StoreSpecValidator(NamespacedStorePolicy namespacedStores) {
    this(namespacedStores, ProviderRegistry.standard(), Set.of(TenantPolicy.STS_AUDIENCE));
  }

  public static StoreSpecValidator of(OperatorConfig config) {
    return of(config, ProviderRegistry.standard());
  }

  public static StoreSpecValidator of(OperatorConfig config, ProviderRegistry providers) {
    return new StoreSpecValidator(
        NamespacedStorePolicy.of(config), providers, config.tenantPolicy().allowedTokenAudiences());
  }

  /** Every problem found, each a sentence for the status; empty when the spec is usable. */
  public List<String> problems(FideliusStoreSpec spec, boolean namespaced) {
    List<String> problems = new ArrayList<>(providers.problems(spec));
    if (spec == null || spec.getProvider() == null) {
      return problems;
    }
    StoreAuth auth = spec.getAuth();
    boolean assumeRole = auth != null && auth.getAssumeRole() != null;
    boolean serviceAccount = auth != null && auth.getServiceAccountRef() != null;
    if (assumeRole && serviceAccount) {
      problems.add("spec.auth must set at most one of assumeRole or serviceAccountRef");
    }
    if (serviceAccount) {
      TokenAudiences.problem(auth.getServiceAccountRef().getAudience(), allowedAudiences)
          .ifPresent(problems::add);
    }
    if (namespaced && !serviceAccount && !namespacedStores.mayUseOperatorIdentity()) {
      problems.add(
          "a FideliusStore must use spec.auth.serviceAccountRef: namespaced stores may not act with the"
              + " operator's own AWS identity"
              + (assumeRole ? " (nor assume roles with it)" : "")
              + ASK_THE_ADMIN
              + OperatorConfig.ALLOW_NAMESPACED_STORE_OPERATOR_IDENTITY
              + "=true");
    }
    if (namespaced
        && overridesEndpoints(spec.getEndpoints())
        && !namespacedStores.mayOverrideEndpoints()) {
      problems.add(
          "a FideliusStore may not set spec.endpoints: the operator would send its requests"
              + (serviceAccount ? " and the ServiceAccount's token" : "")
              + " to addresses chosen in this namespace"
              + ASK_THE_ADMIN
              + OperatorConfig.ALLOW_NAMESPACED_STORE_ENDPOINTS
              + "=true");
    }
    if (spec.getRefreshInterval() != null && Durations.parse(spec.getRefreshInterval()).isEmpty()) {
      problems.add("spec.refreshInterval is not a duration such as 30s, 5m or 1h");
    }
    problems.addAll(FailoverPolicies.problems(spec.getFailover()));
    if (spec.getAccess() != null) {
      problems.addAll(AllowRuleBounds.problems(spec.getAccess().getRules()));
      problems.addAll(DenyRuleChecks.problems(spec.getAccess().getDeny()));
    }
    StoreEndpoints endpoints = spec.getEndpoints();
    if (endpoints != null) {
      checkUrl("dynamodb", endpoints.getDynamodb(), problems);
      checkUrl("kms", endpoints.getKms(), problems);
      checkUrl("secretsManager", endpoints.getSecretsManager(), problems);
      checkUrl("sts", endpoints.getSts(), problems);
      checkUrl("ssm", endpoints.getSsm(), problems);
      checkUrl("s3", endpoints.getS3(), problems);
    }
    return problems;
  }

  private static boolean overridesEndpoints(StoreEndpoints endpoints) {
    return endpoints != null
        && (!blank(endpoints.getDynamodb())
            || !blank(endpoints.getKms())
            || !blank(endpoints.getSecretsManager())
            || !blank(endpoints.getSts())
            || !blank(endpoints.getSsm())
            || !blank(endpoints.getS3()));
  }

  private static void checkUrl(String field, String value, List<String> problems) {
    if (value == null) {
      return;
    }
    EndpointUrls.problem(value).ifPresent(p -> problems.add("spec.endpoints." + field + " " + p));
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
