package dev.fidelius.operator.access;

import dev.fidelius.operator.api.AccessRule;
import dev.fidelius.operator.api.SpecLimits;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a store's deny rules before they are used. A mistake in an allow rule only admits less; a
 * mistake in a deny rule admits more, silently: a pattern no name can match, an empty list, a
 * selector requirement the API server would reject (which {@link LabelSelectorMatcher} treats as
 * matching nothing) would each leave open what the administrator meant to close. Such rules make
 * the store unusable instead, with a reason on its status, so nothing is read through it until they
 * are fixed.
 *
 * <p>Every list is bounded ({@link SpecLimits}), since a FideliusStore is written by a tenant and
 * the rules are matched on every sync. Problems name the field only, never the value: the store's
 * problems are shown to every FideliusSecret that uses it.
 */
public final class DenyRuleChecks {

  /** A namespace name (a DNS label) with {@code *} globs. */
  private static final Pattern NAMESPACE_PATTERN = Pattern.compile("[a-z0-9*-]+");

  /**
   * An application or SDLC, as FideliusSecret allows them (no dots, slashes or whitespace), with
   * globs.
   */
  private static final Pattern NAME_PATTERN = Pattern.compile("[^.\\s/]+");

  private static final Set<String> OPERATORS = Set.of("In", "NotIn", "Exists", "DoesNotExist");

  private DenyRuleChecks() {}

  /** Every problem of {@code spec.access.deny}, each a sentence for the store's status. */
  public static List<String> problems(List<AccessRule> deny) {
    List<String> problems = new ArrayList<>();
    if (deny == null) {
      return problems;
    }
    if (deny.size() > SpecLimits.MAX_DENY_RULES) {
      problems.add(
          "spec.access.deny has "
              + deny.size()
              + " rules; at most "
              + SpecLimits.MAX_DENY_RULES
              + " are allowed");
      return problems;
    }
    for (int i = 0; i < deny.size(); i++) {
      String field = "spec." + DenyRules.field(i);
      AccessRule rule = deny.get(i);
      if (rule == null) {
        problems.add(field + " is empty");
        continue;
      }
      patterns(field + ".namespaces", rule.getNamespaces(), NAMESPACE_PATTERN, false, problems);
      patterns(field + ".applications", rule.getApplications(), NAME_PATTERN, true, problems);
      patterns(field + ".sdlcs", rule.getSdlcs(), NAME_PATTERN, true, problems);
      selector(field + ".namespaceSelector", rule.getNamespaceSelector(), problems);
    }
    return problems;
  }

  private static void patterns(
      String field,
      List<String> patterns,
      Pattern allowed,
      boolean required,
      List<String> problems) {
    if (patterns == null || patterns.isEmpty()) {
      if (required) {
        problems.add(field + " lists nothing, so the rule would deny nothing; use [\"*\"] for all");
      }
      return;
    }
    if (patterns.size() > SpecLimits.MAX_DENY_RULE_PATTERNS) {
      problems.add(field + " has more than " + SpecLimits.MAX_DENY_RULE_PATTERNS + " entries");
      return;
    }
    for (int j = 0; j < patterns.size(); j++) {
      String pattern = patterns.get(j);
      String entry = field + "[" + j + "]";
      if (pattern == null || pattern.isEmpty()) {
        problems.add(entry + " is empty");
      } else if (pattern.length() > SpecLimits.MAX_DENY_PATTERN_CHARS) {
        problems.add(
            entry + " is longer than " + SpecLimits.MAX_DENY_PATTERN_CHARS + " characters");
      } else if (!allowed.matcher(pattern).matches()) {
        problems.add(
            entry + " can match no name (it has characters no name has); it would deny nothing");
      }
    }
  }

  private static void selector(String field, LabelSelector selector, List<String> problems) {
    if (selector == null) {
      return;
    }
    Map<String, String> labels = selector.getMatchLabels();
    List<LabelSelectorRequirement> expressions = selector.getMatchExpressions();
    int terms =
        (labels == null ? 0 : labels.size()) + (expressions == null ? 0 : expressions.size());
    if (terms > SpecLimits.MAX_DENY_SELECTOR_TERMS) {
      problems.add(
          field
              + " has more than "
              + SpecLimits.MAX_DENY_SELECTOR_TERMS
              + " matchLabels and matchExpressions");
      return;
    }
    if (labels != null
        && labels.entrySet().stream().anyMatch(e -> blank(e.getKey()) || e.getValue() == null)) {
      problems.add(field + ".matchLabels has an empty key or a null value");
    }
    if (expressions == null) {
      return;
    }
    for (int j = 0; j < expressions.size(); j++) {
      expression(field + ".matchExpressions[" + j + "]", expressions.get(j), problems);
    }
  }

  private static void expression(
      String field, LabelSelectorRequirement requirement, List<String> problems) {
    if (requirement == null || blank(requirement.getKey())) {
      problems.add(field + " has no key");
      return;
    }
    String operator = requirement.getOperator();
    if (operator == null || !OPERATORS.contains(operator)) {
      problems.add(field + ".operator must be In, NotIn, Exists or DoesNotExist");
      return;
    }
    int values = requirement.getValues() == null ? 0 : requirement.getValues().size();
    boolean set = operator.equals("In") || operator.equals("NotIn");
    if (set && values == 0) {
      problems.add(field + " (" + operator + ") must list values");
    } else if (!set && values > 0) {
      problems.add(field + " (" + operator + ") must not list values");
    } else if (values > SpecLimits.MAX_DENY_SELECTOR_TERMS) {
      problems.add(field + " has more than " + SpecLimits.MAX_DENY_SELECTOR_TERMS + " values");
    }
  }

  private static boolean blank(String s) {
    return s == null || s.isEmpty();
  }
}
