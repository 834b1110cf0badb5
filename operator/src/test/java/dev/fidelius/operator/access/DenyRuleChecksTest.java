package dev.fidelius.operator.access;

import static dev.fidelius.operator.access.DenyRulesTest.rule;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fidelius.operator.api.AccessRule;
import dev.fidelius.operator.api.SpecLimits;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A deny rule that would deny less than it says is refused, by field, without its values. */
class DenyRuleChecksTest {

  @Test
  void wellFormedRulesAndNoRulesHaveNoProblem() {
    assertThat(DenyRuleChecks.problems(null)).isEmpty();
    assertThat(DenyRuleChecks.problems(List.of())).isEmpty();
    assertThat(
            DenyRuleChecks.problems(
                List.of(
                    rule(List.of("team-*", "ops"), null, List.of("PAYMENTS"), List.of("prod*")),
                    rule(null, selector("env", "In", "prod"), List.of("*"), List.of("*")),
                    rule(null, selector("env", "Exists"), List.of("*"), List.of("*")))))
        .isEmpty();
  }

  @Test
  void patternsNoNameCanMatchAreRefusedWithoutEchoingThem() {
    List<String> problems =
        DenyRuleChecks.problems(
            List.of(
                rule(List.of("Team A"), null, List.of("PAY.MENTS"), List.of("")),
                rule(null, null, List.of(), null)));

    assertThat(problems)
        .containsExactly(
            "spec.access.deny[0].namespaces[0] can match no name (it has characters no name has);"
                + " it would deny nothing",
            "spec.access.deny[0].applications[0] can match no name (it has characters no name"
                + " has); it would deny nothing",
            "spec.access.deny[0].sdlcs[0] is empty",
            "spec.access.deny[1].applications lists nothing, so the rule would deny nothing; use"
                + " [\"*\"] for all",
            "spec.access.deny[1].sdlcs lists nothing, so the rule would deny nothing; use [\"*\"]"
                + " for all");
    assertThat(String.join(" ", problems)).doesNotContain("Team A").doesNotContain("PAY.MENTS");
  }

  @Test
  void selectorRequirementsTheApiServerWouldRejectAreRefused() {
    assertThat(
            DenyRuleChecks.problems(
                List.of(
                    rule(null, selector("env", "Equals", "prod"), List.of("*"), List.of("*")),
                    rule(null, selector("env", "In"), List.of("*"), List.of("*")),
                    rule(null, selector("env", "Exists", "x"), List.of("*"), List.of("*")),
                    rule(null, selector("", "Exists"), List.of("*"), List.of("*")))))
        .containsExactly(
            "spec.access.deny[0].namespaceSelector.matchExpressions[0].operator must be In, NotIn,"
                + " Exists or DoesNotExist",
            "spec.access.deny[1].namespaceSelector.matchExpressions[0] (In) must list values",
            "spec.access.deny[2].namespaceSelector.matchExpressions[0] (Exists) must not list"
                + " values",
            "spec.access.deny[3].namespaceSelector.matchExpressions[0] has no key");
  }

  @Test
  void hostileSizesAreBounded() {
    List<AccessRule> tooMany =
        Collections.nCopies(
            SpecLimits.MAX_DENY_RULES + 1, rule(null, null, List.of("*"), List.of("*")));
    List<String> manyApplications = new ArrayList<>();
    for (int i = 0; i <= SpecLimits.MAX_DENY_RULE_PATTERNS; i++) {
      manyApplications.add("app" + i);
    }
    String longSdlc = "p".repeat(SpecLimits.MAX_DENY_PATTERN_CHARS + 1);

    assertThat(DenyRuleChecks.problems(tooMany))
        .containsExactly(
            "spec.access.deny has "
                + (SpecLimits.MAX_DENY_RULES + 1)
                + " rules; at most "
                + SpecLimits.MAX_DENY_RULES
                + " are allowed");
    assertThat(
            DenyRuleChecks.problems(List.of(rule(null, null, manyApplications, List.of(longSdlc)))))
        .containsExactly(
            "spec.access.deny[0].applications has more than "
                + SpecLimits.MAX_DENY_RULE_PATTERNS
                + " entries",
            "spec.access.deny[0].sdlcs[0] is longer than "
                + SpecLimits.MAX_DENY_PATTERN_CHARS
                + " characters");
  }

  private static LabelSelector selector(String key, String operator, String... values) {
    return new LabelSelectorBuilder()
        .withMatchExpressions(
            new LabelSelectorRequirement(
                key, operator, values.length == 0 ? null : List.of(values)))
        .build();
  }
}
