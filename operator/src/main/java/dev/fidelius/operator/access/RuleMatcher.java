package dev.fidelius.operator.access;

import dev.fidelius.operator.api.AccessRule;
import java.util.List;
import java.util.function.Function;

/**
 * Answers the two questions asked of one access rule: does it cover the request's namespace, and
 * does it grant the requested application and SDLC. Namespaces compare case-sensitively (Kubernetes
 * names are exact); applications and SDLCs without regard to case. A missing or empty list matches
 * nothing.
 */
final class RuleMatcher {

  private RuleMatcher() {}

  /** True when the rule names namespaces or has a namespace selector (an empty list names none). */
  static boolean hasNamespaceCondition(AccessRule rule) {
    return !isEmpty(rule.getNamespaces()) || rule.getNamespaceSelector() != null;
  }

  /**
   * True when the request's namespace is in the rule's namespaces OR matches its selector. A rule
   * with neither covers no namespace.
   */
  static boolean coversNamespace(AccessRule rule, AccessRequest request) {
    return anyMatches(rule.getNamespaces(), NamePattern::caseSensitive, request.namespace())
        || LabelSelectorMatcher.matches(rule.getNamespaceSelector(), request.namespaceLabels());
  }

  /** True when the rule lists the request's application AND its SDLC. */
  static boolean grantsApplicationAndSdlc(AccessRule rule, AccessRequest request) {
    return anyMatches(rule.getApplications(), NamePattern::caseInsensitive, request.application())
        && anyMatches(rule.getSdlcs(), NamePattern::caseInsensitive, request.sdlc());
  }

  private static boolean anyMatches(
      List<String> patterns, Function<String, NamePattern> compile, String name) {
    if (patterns == null) {
      return false;
    }
    return patterns.stream()
        .filter(pattern -> pattern != null)
        .anyMatch(pattern -> compile.apply(pattern).matches(name));
  }

  private static boolean isEmpty(List<?> list) {
    return list == null || list.isEmpty();
  }
}
