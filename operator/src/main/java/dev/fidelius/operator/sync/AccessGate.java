package dev.fidelius.operator.sync;

import dev.fidelius.operator.access.AccessDecision;
import dev.fidelius.operator.access.AccessRequest;
import dev.fidelius.operator.access.AccessRules;
import dev.fidelius.operator.access.AmbiguousNames;
import dev.fidelius.operator.access.DenyRules;
import dev.fidelius.operator.api.AccessRule;
import dev.fidelius.operator.api.FideliusSecretSpec;
import dev.fidelius.operator.provider.StoreProvider;
import dev.fidelius.operator.store.ResolvedStore;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether a FideliusSecret may read what it asks of its store: the store's access rules must admit
 * its namespace, application and SDLC (its deny rules refusing first), and, where the store tells
 * secrets apart by name alone, no name it reads may also name a secret of an SDLC they do not admit
 * it to ({@link AmbiguousNames}). Decided before any AWS call, on every sync, so a changed rule,
 * namespace label or spec takes effect at the next reconcile.
 */
final class AccessGate {

  private final ResolvedStore store;
  private final String namespace;
  private final Map<String, String> namespaceLabels;
  private final FideliusSecretSpec spec;
  private final StoreProvider.Naming naming;
  private final AmbiguousNames ambiguousNames;

  /**
   * Answers per SDLC word, which {@code dataFrom.find} asks for each name it lists: the rules are
   * matched once per distinct word, not once per name (concurrent: the plan may be read by several
   * threads).
   */
  private final Map<String, Boolean> denied = new ConcurrentHashMap<>();

  private final Map<String, Boolean> admitted = new ConcurrentHashMap<>();

  AccessGate(
      ResolvedStore store,
      StoreProvider.Naming naming,
      String namespace,
      Map<String, String> namespaceLabels,
      FideliusSecretSpec spec) {
    this.store = store;
    this.naming = naming;
    this.namespace = namespace;
    this.namespaceLabels = namespaceLabels;
    this.spec = spec;
    this.ambiguousNames =
        new AmbiguousNames(
            rules(),
            sdlc ->
                denied.computeIfAbsent(
                    sdlc, s -> DenyRules.firstMatch(deny(), request(s)).isPresent()),
            sdlc -> admitted.computeIfAbsent(sdlc, s -> decide(s).allowed()),
            naming.separator(),
            "namespace \"" + namespace + "\"");
  }

  /** Allowed, or denied with a message for the status that names the store and the cause. */
  AccessDecision decision() {
    AccessDecision rules = decide(spec.getSdlc());
    if (!rules.allowed()) {
      return rules;
    }
    Optional<String> ambiguous = ambiguousNames.problemIn(spec, naming.namesAreTheBoundary());
    return ambiguous
        .map(problem -> AccessDecision.deny(store.displayName() + ": " + problem))
        .orElse(rules);
  }

  /** The plan, its {@code dataFrom.find} sources limited to names that are not ambiguous. */
  SourcePlan limit(SourcePlan plan) {
    if (!naming.namesAreTheBoundary()) {
      return plan;
    }
    return plan.limitFinds(
        (scope, name) ->
            ambiguousNames.mayList(scope.application(), scope.component(), scope.sdlc(), name));
  }

  private AccessDecision decide(String sdlc) {
    AccessRequest request = request(sdlc);
    return store.namespaced()
        ? AccessRules.evaluateNamespacedStore(
            store.namespace(), store.name(), rules(), deny(), request)
        : AccessRules.evaluateClusterStore(store.name(), rules(), deny(), request);
  }

  private AccessRequest request(String sdlc) {
    return new AccessRequest(namespace, namespaceLabels, spec.getApplication(), sdlc);
  }

  private List<AccessRule> rules() {
    return store.spec().getAccess() == null ? null : store.spec().getAccess().getRules();
  }

  private List<AccessRule> deny() {
    return store.spec().getAccess() == null ? null : store.spec().getAccess().getDeny();
  }
}
