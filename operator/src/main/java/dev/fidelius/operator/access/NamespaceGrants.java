package dev.fidelius.operator.access;

import dev.fidelius.operator.api.AccessRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * What a store's access rules grant one namespace: the (applications, sdlcs) pair of every rule
 * that covers it, by the same namespace rules {@link AccessRules} decides with; and what its deny
 * rules ({@link DenyRules}) take away there. The administrator's who-can-read view.
 */
public final class NamespaceGrants {

  /** One covering rule: its 1-based position and the application and SDLC patterns it grants. */
  public record Grant(int rule, List<String> applications, List<String> sdlcs) {
    public Grant {
      applications = applications == null ? List.of() : List.copyOf(applications);
      sdlcs = sdlcs == null ? List.of() : List.copyOf(sdlcs);
    }
  }

  /**
   * One deny rule covering the namespace: its position in {@code access.deny} (from 0) and the
   * application and SDLC patterns it refuses, whatever the grants say.
   */
  public record Denial(int index, List<String> applications, List<String> sdlcs) {
    public Denial {
      applications = applications == null ? List.of() : List.copyOf(applications);
      sdlcs = sdlcs == null ? List.of() : List.copyOf(sdlcs);
    }

    /** The rule as refusals name it: {@code access.deny[1]}. */
    public String field() {
      return DenyRules.field(index);
    }
  }

  private NamespaceGrants() {}

  /** The deny rules of a ClusterFideliusStore that cover the namespace. */
  public static List<Denial> deniedByClusterStore(
      List<AccessRule> deny, String namespace, Map<String, String> labels) {
    List<Denial> denials = new ArrayList<>();
    if (deny == null || namespace == null || namespace.isEmpty()) {
      return denials;
    }
    AccessRequest request = new AccessRequest(namespace, labels, null, null);
    for (int i = 0; i < deny.size(); i++) {
      AccessRule rule = deny.get(i);
      if (rule != null && DenyRules.covers(rule, request)) {
        denials.add(new Denial(i, rule.getApplications(), rule.getSdlcs()));
      }
    }
    return denials;
  }

  /** The deny rules of a FideliusStore that cover the namespace: none outside its own. */
  public static List<Denial> deniedByNamespacedStore(
      String storeNamespace, List<AccessRule> deny, String namespace, Map<String, String> labels) {
    if (storeNamespace == null || !storeNamespace.equals(namespace)) {
      return List.of();
    }
    return deniedByClusterStore(deny, namespace, labels);
  }

  /** A ClusterFideliusStore: rules naming or selecting the namespace; no rules grant nothing. */
  public static List<Grant> ofClusterStore(
      List<AccessRule> rules, String namespace, Map<String, String> labels) {
    AccessRequest request = new AccessRequest(namespace, labels, null, null);
    return collect(rules, rule -> RuleMatcher.coversNamespace(rule, request));
  }

  /**
   * A FideliusStore: its own namespace only; without rules it grants every application and SDLC
   * there, shown as the patterns {@code *}.
   */
  public static List<Grant> ofNamespacedStore(
      String storeNamespace, List<AccessRule> rules, String namespace, Map<String, String> labels) {
    if (storeNamespace == null || !storeNamespace.equals(namespace)) {
      return List.of();
    }
    if (rules == null || rules.stream().allMatch(r -> r == null)) {
      return List.of(new Grant(0, List.of("*"), List.of("*")));
    }
    AccessRequest request = new AccessRequest(namespace, labels, null, null);
    return collect(
        rules,
        rule ->
            !RuleMatcher.hasNamespaceCondition(rule) || RuleMatcher.coversNamespace(rule, request));
  }

  private static List<Grant> collect(List<AccessRule> rules, Predicate<AccessRule> covers) {
    List<Grant> grants = new ArrayList<>();
    if (rules == null) {
      return grants;
    }
    for (int i = 0; i < rules.size(); i++) {
      AccessRule rule = rules.get(i);
      if (rule != null && covers.test(rule)) {
        grants.add(new Grant(i + 1, rule.getApplications(), rule.getSdlcs()));
      }
    }
    return grants;
  }
}
