package dev.fidelius.operator.access;

import dev.fidelius.operator.api.AccessRule;
import java.util.List;
import java.util.OptionalInt;

/**
 * A store's {@code access.deny} rules: the exceptions an administrator carves out of broad allow
 * rules, as an explicit deny beats any allow in AWS policies.
 *
 * <p>A deny rule has the allow rule's shape and matching ({@link RuleMatcher}: namespace names or
 * {@code *} globs, or a namespace selector; applications and SDLCs as case-insensitive globs), with
 * one difference: a deny rule with neither {@code namespaces} nor {@code namespaceSelector} covers
 * every namespace the store serves. An allow rule without them covers none so that a forgotten list
 * never widens access; for a deny rule the same reasoning points the other way, and "deny
 * application X in prod" must not silently deny nothing.
 *
 * <p>Rules are referred to by their position in the list, counted from 0 as in a field path: {@code
 * access.deny[1]}. Messages name only that position, never what the rule lists, so a tenant refused
 * learns nothing of what the rule protects for other namespaces.
 */
public final class DenyRules {

  private DenyRules() {}

  /** The position of the first deny rule that matches the request, if any. */
  public static OptionalInt firstMatch(List<AccessRule> deny, AccessRequest request) {
    if (deny == null || request.namespace() == null || request.namespace().isEmpty()) {
      return OptionalInt.empty();
    }
    for (int i = 0; i < deny.size(); i++) {
      AccessRule rule = deny.get(i);
      if (rule != null
          && covers(rule, request)
          && RuleMatcher.grantsApplicationAndSdlc(rule, request)) {
        return OptionalInt.of(i);
      }
    }
    return OptionalInt.empty();
  }

  /** True when the deny rule applies to the request's namespace (see the class comment). */
  static boolean covers(AccessRule rule, AccessRequest request) {
    return !RuleMatcher.hasNamespaceCondition(rule) || RuleMatcher.coversNamespace(rule, request);
  }

  /** How a refusal names a deny rule: {@code access.deny[1]}. */
  public static String field(int index) {
    return "access.deny[" + index + "]";
  }
}
