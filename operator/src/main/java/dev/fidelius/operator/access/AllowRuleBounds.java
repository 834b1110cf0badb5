package dev.fidelius.operator.access;

import dev.fidelius.operator.api.AccessRule;
import dev.fidelius.operator.api.SpecLimits;
import java.util.ArrayList;
import java.util.List;

/**
 * Bounds the size of a store's allow rules ({@code spec.access.rules}). Every rule is matched on
 * every sync of every FideliusSecret that uses the store, and a FideliusStore is written by a
 * tenant, so the cost of matching must not be the tenant's to choose. Unlike deny rules ({@link
 * DenyRuleChecks}) the content is not checked: a mistaken allow rule only admits less.
 *
 * <p>Problems name the field only, never the value.
 */
public final class AllowRuleBounds {

  private AllowRuleBounds() {}

  /** Every size problem of {@code spec.access.rules}, each a sentence for the store's status. */
  public static List<String> problems(List<AccessRule> rules) {
    List<String> problems = new ArrayList<>();
    if (rules == null) {
      return problems;
    }
    if (rules.size() > SpecLimits.MAX_ALLOW_RULES) {
      problems.add(
          "spec.access.rules has "
              + rules.size()
              + " rules; at most "
              + SpecLimits.MAX_ALLOW_RULES
              + " are allowed");
      return problems;
    }
    for (int i = 0; i < rules.size(); i++) {
      AccessRule rule = rules.get(i);
      if (rule == null) {
        continue;
      }
      String field = "spec.access.rules[" + i + "]";
      bounded(field + ".namespaces", rule.getNamespaces(), problems);
      bounded(field + ".applications", rule.getApplications(), problems);
      bounded(field + ".sdlcs", rule.getSdlcs(), problems);
    }
    return problems;
  }

  private static void bounded(String field, List<String> patterns, List<String> problems) {
    if (patterns == null) {
      return;
    }
    if (patterns.size() > SpecLimits.MAX_ALLOW_RULE_PATTERNS) {
      problems.add(field + " has more than " + SpecLimits.MAX_ALLOW_RULE_PATTERNS + " entries");
      return;
    }
    for (int j = 0; j < patterns.size(); j++) {
      String pattern = patterns.get(j);
      if (pattern != null && pattern.length() > SpecLimits.MAX_ALLOW_PATTERN_CHARS) {
        problems.add(
            field
                + "["
                + j
                + "] is longer than "
                + SpecLimits.MAX_ALLOW_PATTERN_CHARS
                + " characters");
      }
    }
  }
}
