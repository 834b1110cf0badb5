package dev.fidelius.operator.store;

import dev.fidelius.operator.config.OperatorConfig;

/**
 * What a namespaced FideliusStore may ask of the operator. Whoever may create a FideliusStore in a
 * namespace writes its spec, so by default it may ask for neither:
 *
 * <ul>
 *   <li>the operator's own AWS identity, or a role assumed with it: the tenant would gain the
 *       operator's IAM reach, which spans every tenant;
 *   <li>endpoint overrides: the operator would send its signed requests and, for {@code
 *       serviceAccountRef}, the ServiceAccount's token to an address the tenant chose (a token that
 *       the tenant's server could then exchange for the role's credentials itself), and would
 *       report what that address answers in status, which turns the operator into a probe of the
 *       cluster network.
 * </ul>
 *
 * A cluster admin who trusts every namespace that can create FideliusStores may allow either.
 */
public record NamespacedStorePolicy(boolean mayUseOperatorIdentity, boolean mayOverrideEndpoints) {

  /** Neither: the default. */
  public static final NamespacedStorePolicy STRICT = new NamespacedStorePolicy(false, false);

  public static NamespacedStorePolicy of(OperatorConfig config) {
    return new NamespacedStorePolicy(
        config.allowNamespacedStoreOperatorIdentity(), config.allowNamespacedStoreEndpoints());
  }
}
