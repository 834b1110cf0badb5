package dev.fidelius.operator.access;

import dev.fidelius.operator.api.AccessRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Predicate;

/**
 * Decides whether a store admits a FideliusSecret, from the store's access rules.
 *
 * <p>A rule grants a request when it covers the request's namespace AND lists its application AND
 * its SDLC. Applications and SDLCs compare without regard to case; namespaces exactly. Every list
 * entry is a name or a {@code *} glob ({@link NamePattern}); a missing or empty list matches
 * nothing. The request is admitted when any rule grants it.
 *
 * <p>Namespace coverage differs by store kind:
 *
 * <ul>
 *   <li>ClusterFideliusStore: the namespace must be in the rule's {@code namespaces} OR match its
 *       {@code namespaceSelector} (either suffices when both are given). A rule with neither covers
 *       no namespace, so a forgotten namespace list never opens a store to the whole cluster. A
 *       store without rules admits nobody.
 *   <li>FideliusStore: only its own namespace, always. A store without rules admits any application
 *       and SDLC there. A rule without namespaces or selector restricts applications and SDLCs
 *       only; a rule that has them must also cover the namespace (it then only narrows, never
 *       widens).
 * </ul>
 *
 * <p>Deny rules ({@link DenyRules}) are evaluated first: a request one matches is refused whatever
 * the allow rules say, with a message naming the deny rule's position only.
 *
 * <p>Denial messages name the store, the request and, when the namespace is covered, what the
 * covering rules grant; they never reveal other namespaces, selectors or labels.
 */
public final class AccessRules {

  private AccessRules() {}

  public static AccessDecision evaluateClusterStore(
      String storeName, List<AccessRule> rules, AccessRequest request) {
    return evaluateClusterStore(storeName, rules, null, request);
  }

  /** As {@link #evaluateClusterStore(String, List, AccessRequest)}, deny rules first. */
  public static AccessDecision evaluateClusterStore(
      String storeName, List<AccessRule> rules, List<AccessRule> deny, AccessRequest request) {
    String store = "ClusterFideliusStore \"" + storeName + "\"";
    Optional<AccessDecision> denied = denied(store, deny, request);
    if (denied.isPresent()) {
      return denied.get();
    }
    if (noRules(rules)) {
      return AccessDecision.deny(store + " has no access rules; it admits nobody");
    }
    return evaluate(store, rules, request, rule -> RuleMatcher.coversNamespace(rule, request));
  }

  public static AccessDecision evaluateNamespacedStore(
      String storeNamespace, String storeName, List<AccessRule> rules, AccessRequest request) {
    return evaluateNamespacedStore(storeNamespace, storeName, rules, null, request);
  }

  /** As {@link #evaluateNamespacedStore(String, String, List, AccessRequest)}, deny rules first. */
  public static AccessDecision evaluateNamespacedStore(
      String storeNamespace,
      String storeName,
      List<AccessRule> rules,
      List<AccessRule> deny,
      AccessRequest request) {
    String store = "FideliusStore \"" + storeNamespace + "/" + storeName + "\"";
    if (storeNamespace == null || !storeNamespace.equals(request.namespace())) {
      return AccessDecision.deny(
          store
              + " serves only its own namespace \""
              + storeNamespace
              + "\", not namespace \""
              + request.namespace()
              + "\"");
    }
    Optional<AccessDecision> denied = denied(store, deny, request);
    if (denied.isPresent()) {
      return denied.get();
    }
    if (noRules(rules)) {
      return AccessDecision.allow(
          store
              + " has no access rules; it admits any application and sdlc of"
              + " namespace \""
              + storeNamespace
              + "\"");
    }
    return evaluate(
        store,
        rules,
        request,
        rule ->
            !RuleMatcher.hasNamespaceCondition(rule) || RuleMatcher.coversNamespace(rule, request));
  }

  /**
   * The refusal by the first matching deny rule, naming its position and the request (which the
   * requester knows) and nothing the rule lists.
   */
  private static Optional<AccessDecision> denied(
      String store, List<AccessRule> deny, AccessRequest request) {
    OptionalInt index = DenyRules.firstMatch(deny, request);
    if (index.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        AccessDecision.deny(
            store
                + " refuses namespace \""
                + request.namespace()
                + "\" application "
                + shown(request.application())
                + ", sdlc "
                + shown(request.sdlc())
                + ": denied by "
                + DenyRules.field(index.getAsInt())));
  }

  private static AccessDecision evaluate(
      String store,
      List<AccessRule> rules,
      AccessRequest request,
      Predicate<AccessRule> coversNamespace) {
    if (request.namespace() == null || request.namespace().isEmpty()) {
      // Only reachable through a caller bug; a selector such as {} must not admit an unnamed
      // requester.
      return AccessDecision.deny(store + " admits no request without a namespace");
    }
    String namespace = "namespace \"" + request.namespace() + "\"";
    String requested =
        "application " + shown(request.application()) + ", sdlc " + shown(request.sdlc());
    List<AccessRule> covering = new ArrayList<>();
    for (int i = 0; i < rules.size(); i++) {
      AccessRule rule = rules.get(i);
      if (rule == null || !coversNamespace.test(rule)) {
        continue;
      }
      if (RuleMatcher.grantsApplicationAndSdlc(rule, request)) {
        return AccessDecision.allow(
            store
                + " admits "
                + namespace
                + " for "
                + requested
                + " (access rule "
                + (i + 1)
                + ")");
      }
      covering.add(rule);
    }
    if (covering.isEmpty()) {
      return AccessDecision.deny(store + " does not admit " + namespace);
    }
    return AccessDecision.deny(
        store
            + " admits "
            + namespace
            + " only for "
            + GrantSummary.of(covering)
            + "; requested "
            + requested);
  }

  private static String shown(String name) {
    return name == null || name.isEmpty() ? "<none>" : name;
  }

  /**
   * True when there is no rule at all (null entries, which a parsed resource never holds, don't
   * count).
   */
  private static boolean noRules(List<AccessRule> rules) {
    return rules == null || rules.stream().allMatch(Objects::isNull);
  }
}
