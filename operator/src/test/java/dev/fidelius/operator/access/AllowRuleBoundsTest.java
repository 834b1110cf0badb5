package dev.fidelius.operator.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fidelius.operator.api.AccessRule;
import dev.fidelius.operator.api.SpecLimits;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class AllowRuleBoundsTest {

  private static AccessRule rule(List<String> namespaces, List<String> applications) {
    AccessRule rule = new AccessRule();
    rule.setNamespaces(namespaces);
    rule.setApplications(applications);
    rule.setSdlcs(List.of("dev"));
    return rule;
  }

  @Test
  void ordinaryRulesHaveNoProblems() {
    assertThat(AllowRuleBounds.problems(List.of(rule(List.of("team-*"), List.of("APP*")))))
        .isEmpty();
    assertThat(AllowRuleBounds.problems(null)).isEmpty();
  }

  @Test
  void tooManyRulesIsOneProblemNamingTheLimit() {
    List<AccessRule> rules = new ArrayList<>();
    for (int i = 0; i <= SpecLimits.MAX_ALLOW_RULES; i++) {
      rules.add(rule(List.of("ns"), List.of("APP")));
    }
    assertThat(AllowRuleBounds.problems(rules))
        .containsExactly(
            "spec.access.rules has 257 rules; at most "
                + SpecLimits.MAX_ALLOW_RULES
                + " are allowed");
  }

  @Test
  void longListsAndPatternsNameTheFieldNotTheValue() {
    String secretLooking = "x".repeat(SpecLimits.MAX_ALLOW_PATTERN_CHARS + 1);
    List<String> many = Collections.nCopies(SpecLimits.MAX_ALLOW_RULE_PATTERNS + 1, "ns");
    List<String> problems =
        AllowRuleBounds.problems(
            List.of(rule(many, List.of("APP")), rule(List.of("ns"), List.of(secretLooking))));
    assertThat(problems)
        .containsExactly(
            "spec.access.rules[0].namespaces has more than 64 entries",
            "spec.access.rules[1].applications[0] is longer than 253 characters");
    assertThat(String.join(" ", problems)).doesNotContain(secretLooking);
  }
}
