package dev.fidelius.operator.reconciler;

import dev.fidelius.operator.access.AccessDecision;
import dev.fidelius.operator.access.AccessRequest;
import dev.fidelius.operator.access.AccessRules;
import dev.fidelius.operator.access.AmbiguousNames;
import dev.fidelius.operator.api.AccessRule;
import dev.fidelius.operator.api.FideliusSecretSpec;
import dev.fidelius.operator.api.SecretsManagerNaming;
import dev.fidelius.operator.store.ResolvedStore;
import dev.fidelius.operator.sync.SourcePlan;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Whether a FideliusSecret may read what it asks of its store: the store's access rules must admit its
 * namespace, application and SDLC, and no name it reads may also name a secret of an SDLC they do not admit
 * it to ({@link AmbiguousNames}). Decided before any AWS call, on every sync, so a changed rule, namespace
 * label or spec takes effect at the next reconcile.
 */
final class AccessGate {

  private final ResolvedStore store;
  private final String namespace;
  private final Map<String, String> namespaceLabels;
  private final FideliusSecretSpec spec;
  private final AmbiguousNames ambiguousNames;

  AccessGate(ResolvedStore store, String namespace, Map<String, String> namespaceLabels, FideliusSecretSpec spec) {
    this.store = store;
    this.namespace = namespace;
    this.namespaceLabels = namespaceLabels;
    this.spec = spec;
    this.ambiguousNames = new AmbiguousNames(rules(), sdlc -> decide(sdlc).allowed(), separator(),
        "namespace \"" + namespace + "\"");
  }

  /** Allowed, or denied with a message for the status that names the store and the cause. */
  AccessDecision decision() {
    AccessDecision rules = decide(spec.getSdlc());
    if (!rules.allowed()) {
      return rules;
    }
    Optional<String> ambiguous = ambiguousNames.problemIn(spec, namesAreTheBoundary());
    return ambiguous.map(problem -> AccessDecision.deny(store.displayName() + ": " + problem)).orElse(rules);
  }

  /** The plan, its {@code dataFrom.find} sources limited to names that are not ambiguous. */
  SourcePlan limit(SourcePlan plan) {
    if (!namesAreTheBoundary()) {
      return plan;
    }
    return plan.limitFinds((scope, name) ->
        ambiguousNames.mayList(scope.application(), scope.component(), scope.sdlc(), name));
  }

  private AccessDecision decide(String sdlc) {
    AccessRequest request = new AccessRequest(namespace, namespaceLabels, spec.getApplication(), sdlc);
    return store.namespaced()
        ? AccessRules.evaluateNamespacedStore(store.namespace(), store.name(), rules(), request)
        : AccessRules.evaluateClusterStore(store.name(), rules(), request);
  }

  private List<AccessRule> rules() {
    return store.spec().getAccess() == null ? null : store.spec().getAccess().getRules();
  }

  /**
   * Secrets Manager, Parameter Store and S3 tell secrets apart by name alone (an S3 envelope object may carry
   * the Fidelius context, but only when its writer chose to). The Fidelius store binds each item to its
   * application and SDLC through the KMS encryption context (and its sdlc attribute), so an ambiguous name
   * fails there.
   */
  private boolean namesAreTheBoundary() {
    return store.spec().getProvider().getDynamodb() == null;
  }

  private char separator() {
    var provider = store.spec().getProvider();
    if (provider.getParameterStore() != null || provider.getS3() != null) {
      return '/';
    }
    var secretsManager = provider.getSecretsManager();
    return secretsManager != null && secretsManager.getNaming() == SecretsManagerNaming.Path ? '/' : '.';
  }
}
