package dev.fidelius.operator.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LabelSelectorMatcherTest {

  private static final Map<String, String> TEAM_A = Map.of("team", "a", "env", "dev");

  @Test
  void matchLabelsRequiresEveryLabelWithItsValue() {
    assertThat(matches(new LabelSelectorBuilder().addToMatchLabels("team", "a").build(), TEAM_A))
        .isTrue();
    assertThat(
            matches(
                new LabelSelectorBuilder()
                    .addToMatchLabels("team", "a")
                    .addToMatchLabels("env", "dev")
                    .build(),
                TEAM_A))
        .isTrue();
    assertThat(matches(new LabelSelectorBuilder().addToMatchLabels("team", "b").build(), TEAM_A))
        .isFalse();
    assertThat(
            matches(
                new LabelSelectorBuilder()
                    .addToMatchLabels("team", "a")
                    .addToMatchLabels("tier", "x")
                    .build(),
                TEAM_A))
        .isFalse();
  }

  @Test
  void labelValuesCompareExactly() {
    assertThat(matches(new LabelSelectorBuilder().addToMatchLabels("team", "A").build(), TEAM_A))
        .isFalse();
  }

  @Test
  void inRequiresTheLabelWithOneOfTheValues() {
    assertThat(matches(expression("team", "In", "a", "b"), TEAM_A)).isTrue();
    assertThat(matches(expression("team", "In", "b", "c"), TEAM_A)).isFalse();
    assertThat(matches(expression("tier", "In", "a"), TEAM_A)).isFalse();
  }

  @Test
  void notInAcceptsAnotherValueOrAMissingLabel() {
    assertThat(matches(expression("team", "NotIn", "b", "c"), TEAM_A)).isTrue();
    assertThat(matches(expression("team", "NotIn", "a"), TEAM_A)).isFalse();
    assertThat(matches(expression("tier", "NotIn", "a"), TEAM_A)).isTrue();
  }

  @Test
  void existsRequiresTheLabelWhateverItsValue() {
    assertThat(matches(expression("team", "Exists"), TEAM_A)).isTrue();
    assertThat(matches(expression("tier", "Exists"), TEAM_A)).isFalse();
  }

  @Test
  void doesNotExistRequiresTheLabelToBeAbsent() {
    assertThat(matches(expression("tier", "DoesNotExist"), TEAM_A)).isTrue();
    assertThat(matches(expression("team", "DoesNotExist"), TEAM_A)).isFalse();
  }

  @Test
  void everyExpressionAndEveryMatchLabelMustHold() {
    LabelSelector selector =
        new LabelSelectorBuilder()
            .addToMatchLabels("env", "dev")
            .withMatchExpressions(
                requirement("team", "In", "a"), requirement("tier", "DoesNotExist"))
            .build();

    assertThat(matches(selector, TEAM_A)).isTrue();
    assertThat(matches(selector, Map.of("env", "dev", "team", "a", "tier", "web"))).isFalse();
    assertThat(matches(selector, Map.of("env", "prod", "team", "a"))).isFalse();
  }

  @Test
  void requirementsTheApiServerWouldRejectMatchNothing() {
    assertThat(matches(expression("team", "In"), TEAM_A)).as("In without values").isFalse();
    assertThat(matches(expression("team", "NotIn"), TEAM_A)).as("NotIn without values").isFalse();
    assertThat(matches(expression("team", "Exists", "a"), TEAM_A))
        .as("Exists with values")
        .isFalse();
    assertThat(matches(expression("tier", "DoesNotExist", "a"), TEAM_A))
        .as("DoesNotExist with values")
        .isFalse();
    assertThat(matches(expression("team", "in", "a"), TEAM_A))
        .as("operator in lower case")
        .isFalse();
    assertThat(matches(expression("team", "Gt", "1"), TEAM_A)).as("unknown operator").isFalse();
    assertThat(matches(expression(null, "Exists"), TEAM_A)).as("missing key").isFalse();
    assertThat(matches(expression("team", null), TEAM_A)).as("missing operator").isFalse();
  }

  @Test
  void aNullSelectorMatchesNothingAndAnEmptyOneMatchesEverything() {
    assertThat(matches(null, TEAM_A)).isFalse();
    assertThat(matches(new LabelSelector(), TEAM_A)).isTrue();
    assertThat(matches(new LabelSelector(), Map.of())).isTrue();
  }

  @Test
  void nullLabelsCountAsNoLabels() {
    assertThat(matches(expression("team", "DoesNotExist"), null)).isTrue();
    assertThat(matches(expression("team", "Exists"), null)).isFalse();
  }

  private static boolean matches(LabelSelector selector, Map<String, String> labels) {
    return LabelSelectorMatcher.matches(selector, labels);
  }

  private static LabelSelector expression(String key, String operator, String... values) {
    return new LabelSelectorBuilder()
        .withMatchExpressions(requirement(key, operator, values))
        .build();
  }

  private static LabelSelectorRequirement requirement(
      String key, String operator, String... values) {
    List<String> list = values.length == 0 ? null : Arrays.asList(values);
    return new LabelSelectorRequirement(key, operator, list);
  }
}
