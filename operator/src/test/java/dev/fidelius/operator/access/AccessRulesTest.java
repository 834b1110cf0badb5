package dev.fidelius.operator.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.fidelius.operator.api.AccessRule;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AccessRulesTest {

  private static final Map<String, String> TEAM_A_LABELS = Map.of("team", "a", "tier", "gold");

  @Nested
  class ClusterStore {

    static Stream<Arguments> admitted() {
      return Stream.of(
          arguments(
              "exact namespace, application and sdlc",
              List.of(rule(List.of("team-a"), null, List.of("PAYMENTS"), List.of("dev", "qa"))),
              request("team-a", "PAYMENTS", "qa")),
          arguments(
              "glob namespace",
              List.of(rule(List.of("team-*"), null, List.of("PAYMENTS"), List.of("dev"))),
              request("team-b", "PAYMENTS", "dev")),
          arguments(
              "application compared without case",
              List.of(rule(List.of("team-a"), null, List.of("PAYMENTS"), List.of("dev"))),
              request("team-a", "payments", "dev")),
          arguments(
              "sdlc compared without case",
              List.of(rule(List.of("team-a"), null, List.of("PAYMENTS"), List.of("dev"))),
              request("team-a", "PAYMENTS", "DEV")),
          arguments(
              "any application",
              List.of(rule(List.of("team-a"), null, List.of("*"), List.of("dev"))),
              request("team-a", "ANYTHING", "dev")),
          arguments(
              "application prefix glob",
              List.of(rule(List.of("team-a"), null, List.of("PAY*"), List.of("dev"))),
              request("team-a", "payroll", "dev")),
          arguments(
              "application embedded glob",
              List.of(rule(List.of("team-a"), null, List.of("pay*-api"), List.of("dev"))),
              request("team-a", "PAYMENTS-API", "dev")),
          arguments(
              "sdlc glob",
              List.of(rule(List.of("team-a"), null, List.of("PAYMENTS"), List.of("qa*"))),
              request("team-a", "PAYMENTS", "qa2")),
          arguments(
              "selector matchLabels",
              List.of(rule(null, labels("team", "a"), List.of("PAYMENTS"), List.of("dev"))),
              request("team-a", "PAYMENTS", "dev")),
          arguments(
              "selector In",
              List.of(
                  rule(
                      null,
                      expression("tier", "In", "gold", "silver"),
                      List.of("PAYMENTS"),
                      List.of("dev"))),
              request("team-a", "PAYMENTS", "dev")),
          arguments(
              "selector NotIn",
              List.of(
                  rule(
                      null,
                      expression("tier", "NotIn", "bronze"),
                      List.of("PAYMENTS"),
                      List.of("dev"))),
              request("team-a", "PAYMENTS", "dev")),
          arguments(
              "selector Exists",
              List.of(
                  rule(null, expression("team", "Exists"), List.of("PAYMENTS"), List.of("dev"))),
              request("team-a", "PAYMENTS", "dev")),
          arguments(
              "selector DoesNotExist",
              List.of(
                  rule(
                      null,
                      expression("restricted", "DoesNotExist"),
                      List.of("PAYMENTS"),
                      List.of("dev"))),
              request("team-a", "PAYMENTS", "dev")),
          arguments(
              "namespaces and selector: the list suffices",
              List.of(
                  rule(
                      List.of("team-a"), labels("team", "z"), List.of("PAYMENTS"), List.of("dev"))),
              request("team-a", "PAYMENTS", "dev")),
          arguments(
              "namespaces and selector: the selector suffices",
              List.of(
                  rule(
                      List.of("team-z"), labels("team", "a"), List.of("PAYMENTS"), List.of("dev"))),
              request("team-a", "PAYMENTS", "dev")),
          arguments(
              "the second rule grants",
              List.of(
                  rule(List.of("team-a"), null, List.of("PAYMENTS"), List.of("dev")),
                  rule(List.of("team-a"), null, List.of("PAYROLL"), List.of("prod"))),
              request("team-a", "PAYROLL", "prod")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("admitted")
    void admits(String description, List<AccessRule> rules, AccessRequest request) {
      AccessDecision decision = AccessRules.evaluateClusterStore("shared", rules, request);

      assertThat(decision.allowed()).as(decision.message()).isTrue();
      assertThat(decision.message())
          .startsWith(
              "ClusterFideliusStore \"shared\" admits namespace \""
                  + request.namespace()
                  + "\" for application "
                  + request.application()
                  + ", sdlc "
                  + request.sdlc());
    }

    static Stream<Arguments> denied() {
      return Stream.of(
          arguments("no rules", null, request("team-a", "PAYMENTS", "dev")),
          arguments("an empty rule list", List.of(), request("team-a", "PAYMENTS", "dev")),
          arguments(
              "namespace not listed",
              List.of(rule(List.of("team-b"), null, List.of("*"), List.of("*"))),
              request("team-a", "PAYMENTS", "dev")),
          arguments(
              "namespace compared with case",
              List.of(rule(List.of("Team-A"), null, List.of("*"), List.of("*"))),
              request("team-a", "PAYMENTS", "dev")),
          arguments(
              "namespace glob compared with case",
              List.of(rule(List.of("TEAM-*"), null, List.of("*"), List.of("*"))),
              request("team-a", "PAYMENTS", "dev")),
          arguments(
              "namespace glob is anchored",
              List.of(rule(List.of("team-*"), null, List.of("*"), List.of("*"))),
              request("my-team-a", "PAYMENTS", "dev")),
          arguments(
              "a tenant asking for another application",
              List.of(rule(List.of("team-a"), null, List.of("PAYMENTS"), List.of("*"))),
              request("team-a", "PAYROLL", "dev")),
          arguments(
              "prod asked where only dev is granted",
              List.of(rule(List.of("team-a"), null, List.of("PAYMENTS"), List.of("dev"))),
              request("team-a", "PAYMENTS", "prod")),
          arguments(
              "application and sdlc granted only by different rules",
              List.of(
                  rule(List.of("team-a"), null, List.of("PAYMENTS"), List.of("dev")),
                  rule(List.of("team-a"), null, List.of("PAYROLL"), List.of("prod"))),
              request("team-a", "PAYMENTS", "prod")),
          arguments(
              "a rule with neither namespaces nor selector covers no namespace",
              List.of(rule(null, null, List.of("*"), List.of("*"))),
              request("team-a", "PAYMENTS", "dev")),
          arguments(
              "an empty namespace list covers no namespace",
              List.of(rule(List.of(), null, List.of("*"), List.of("*"))),
              request("team-a", "PAYMENTS", "dev")),
          arguments(
              "no applications listed",
              List.of(rule(List.of("team-a"), null, null, List.of("*"))),
              request("team-a", "PAYMENTS", "dev")),
          arguments(
              "an empty application list",
              List.of(rule(List.of("team-a"), null, List.of(), List.of("*"))),
              request("team-a", "PAYMENTS", "dev")),
          arguments(
              "no sdlcs listed",
              List.of(rule(List.of("team-a"), null, List.of("*"), null)),
              request("team-a", "PAYMENTS", "dev")),
          arguments(
              "a wildcard does not admit a request without an application",
              List.of(rule(List.of("team-a"), null, List.of("*"), List.of("*"))),
              request("team-a", null, "dev")),
          arguments(
              "selector matchLabels with another value",
              List.of(rule(null, labels("team", "b"), List.of("*"), List.of("*"))),
              request("team-a", "PAYMENTS", "dev")),
          arguments(
              "selector In without the value",
              List.of(rule(null, expression("tier", "In", "silver"), List.of("*"), List.of("*"))),
              request("team-a", "PAYMENTS", "dev")),
          arguments(
              "selector NotIn with the value",
              List.of(rule(null, expression("tier", "NotIn", "gold"), List.of("*"), List.of("*"))),
              request("team-a", "PAYMENTS", "dev")),
          arguments(
              "selector Exists without the label",
              List.of(rule(null, expression("restricted", "Exists"), List.of("*"), List.of("*"))),
              request("team-a", "PAYMENTS", "dev")),
          arguments(
              "selector DoesNotExist with the label",
              List.of(rule(null, expression("team", "DoesNotExist"), List.of("*"), List.of("*"))),
              request("team-a", "PAYMENTS", "dev")),
          arguments(
              "neither the list nor the selector covers the namespace",
              List.of(rule(List.of("team-z"), labels("team", "z"), List.of("*"), List.of("*"))),
              request("team-a", "PAYMENTS", "dev")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("denied")
    void denies(String description, List<AccessRule> rules, AccessRequest request) {
      AccessDecision decision = AccessRules.evaluateClusterStore("shared", rules, request);

      assertThat(decision.allowed()).as(decision.message()).isFalse();
      assertThat(decision.message()).startsWith("ClusterFideliusStore \"shared\" ");
      assertNoSurpriseContent(decision.message());
    }

    @Test
    void withoutRulesSaysItAdmitsNobody() {
      assertThat(
              AccessRules.evaluateClusterStore(
                  "shared", null, request("team-a", "PAYMENTS", "dev")))
          .isEqualTo(
              AccessDecision.deny(
                  "ClusterFideliusStore \"shared\" has no access rules; it admits nobody"));
    }

    @Test
    void explainsWhatTheNamespaceIsGrantedWhenTheApplicationOrSdlcIsNot() {
      List<AccessRule> rules =
          List.of(rule(List.of("team-a"), null, List.of("PAYMENTS"), List.of("dev", "qa")));

      AccessDecision decision =
          AccessRules.evaluateClusterStore("shared", rules, request("team-a", "PAYROLL", "prod"));

      assertThat(decision.message())
          .isEqualTo(
              "ClusterFideliusStore \"shared\" admits namespace \"team-a\" only"
                  + " for applications [PAYMENTS] and sdlcs [dev, qa]; requested application PAYROLL, sdlc prod");
    }

    @Test
    void keepsEachRulesGrantAsAPair() {
      List<AccessRule> rules =
          List.of(
              rule(List.of("team-a"), null, List.of("PAYMENTS"), List.of("dev")),
              rule(List.of("team-*"), null, List.of("PAYROLL"), List.of("prod")));

      AccessDecision decision =
          AccessRules.evaluateClusterStore("shared", rules, request("team-a", "PAYMENTS", "prod"));

      assertThat(decision.message())
          .isEqualTo(
              "ClusterFideliusStore \"shared\" admits namespace \"team-a\" only"
                  + " for applications [PAYMENTS] and sdlcs [dev] or applications [PAYROLL] and sdlcs [prod];"
                  + " requested application PAYMENTS, sdlc prod");
    }

    @Test
    void describesAtMostFiveRules() {
      List<AccessRule> rules = new ArrayList<>();
      for (int i = 1; i <= 7; i++) {
        rules.add(rule(List.of("team-a"), null, List.of("APP" + i), List.of("dev")));
      }

      AccessDecision decision =
          AccessRules.evaluateClusterStore("shared", rules, request("team-a", "OTHER", "dev"));

      assertThat(decision.message())
          .contains("[APP5]")
          .doesNotContain("[APP6]")
          .contains("(and 2 more rules)");
    }

    @Test
    void describesOnlyTheRulesCoveringTheRequestersNamespace() {
      List<AccessRule> rules =
          List.of(
              rule(List.of("team-b"), null, List.of("SECRET-PROJECT"), List.of("prod")),
              rule(List.of("team-a"), null, List.of("PAYMENTS"), List.of("dev")));

      AccessDecision decision =
          AccessRules.evaluateClusterStore("shared", rules, request("team-a", "PAYROLL", "dev"));

      assertThat(decision.message())
          .contains("[PAYMENTS]")
          .doesNotContain("SECRET-PROJECT")
          .doesNotContain("team-b");
    }

    @Test
    void aNamespaceNoRuleCoversLearnsNothingAboutOtherTenants() {
      List<AccessRule> rules =
          List.of(
              rule(
                  List.of("team-b", "finance-*"), null, List.of("SECRET-PROJECT"), List.of("prod")),
              rule(null, labels("compliance", "pci"), List.of("CARDS"), List.of("prod")));

      AccessDecision decision =
          AccessRules.evaluateClusterStore(
              "shared",
              rules,
              new AccessRequest("team-a", Map.of("tier", "gold"), "PAYMENTS", "dev"));

      assertThat(decision)
          .isEqualTo(
              AccessDecision.deny(
                  "ClusterFideliusStore \"shared\" does not admit" + " namespace \"team-a\""));
    }

    @Test
    void theAdmissionNamesTheRuleThatGrantedIt() {
      List<AccessRule> rules =
          List.of(
              rule(List.of("team-a"), null, List.of("PAYMENTS"), List.of("dev")),
              rule(List.of("team-*"), null, List.of("PAYROLL"), List.of("prod")));

      AccessDecision decision =
          AccessRules.evaluateClusterStore("shared", rules, request("team-a", "payroll", "PROD"));

      assertThat(decision)
          .isEqualTo(
              AccessDecision.allow(
                  "ClusterFideliusStore \"shared\" admits namespace"
                      + " \"team-a\" for application payroll, sdlc PROD (access rule 2)"));
    }

    @Test
    void aRequestWithoutANamespaceIsNotAdmittedByAnEmptySelector() {
      List<AccessRule> rules = List.of(rule(null, new LabelSelector(), List.of("*"), List.of("*")));

      assertThat(
              AccessRules.evaluateClusterStore("shared", rules, request(null, "PAYMENTS", "dev"))
                  .allowed())
          .isFalse();
      assertThat(
              AccessRules.evaluateClusterStore(
                      "shared", rules, request("team-a", "PAYMENTS", "dev"))
                  .allowed())
          .as("an empty selector matches every namespace, as in Kubernetes")
          .isTrue();
    }

    @Test
    void skipsNullRules() {
      List<AccessRule> rules =
          Arrays.asList(null, rule(List.of("team-a"), null, List.of("*"), List.of("*")));

      AccessDecision decision =
          AccessRules.evaluateClusterStore("shared", rules, request("team-a", "PAYMENTS", "dev"));

      assertThat(decision.allowed()).isTrue();
      assertThat(decision.message()).endsWith("(access rule 2)");
      assertThat(
              AccessRules.evaluateClusterStore(
                      "shared",
                      Arrays.asList((AccessRule) null),
                      request("team-a", "PAYMENTS", "dev"))
                  .message())
          .endsWith("it admits nobody");
    }
  }

  @Nested
  class NamespacedStore {

    @Test
    void deniesAnotherNamespace() {
      AccessDecision decision =
          AccessRules.evaluateNamespacedStore(
              "team-a", "local", null, request("team-b", "PAYMENTS", "dev"));

      assertThat(decision)
          .isEqualTo(
              AccessDecision.deny(
                  "FideliusStore \"team-a/local\" serves only its own"
                      + " namespace \"team-a\", not namespace \"team-b\""));
    }

    @Test
    void comparesTheNamespaceWithCase() {
      assertThat(
              AccessRules.evaluateNamespacedStore(
                      "team-a", "local", null, request("Team-A", "PAYMENTS", "dev"))
                  .allowed())
          .isFalse();
    }

    @Test
    void deniesAnotherNamespaceEvenWhenARuleWouldCoverIt() {
      List<AccessRule> rules = List.of(rule(List.of("*"), null, List.of("*"), List.of("*")));

      assertThat(
              AccessRules.evaluateNamespacedStore(
                      "team-a", "local", rules, request("team-b", "PAYMENTS", "dev"))
                  .allowed())
          .isFalse();
    }

    @Test
    void withoutRulesAdmitsAnyApplicationAndSdlcOfItsNamespace() {
      AccessDecision decision =
          AccessRules.evaluateNamespacedStore(
              "team-a", "local", List.of(), request("team-a", "ANY-APP", "prod"));

      assertThat(decision)
          .isEqualTo(
              AccessDecision.allow(
                  "FideliusStore \"team-a/local\" has no access rules;"
                      + " it admits any application and sdlc of namespace \"team-a\""));
    }

    static Stream<Arguments> decisions() {
      AccessRule paymentsDev = rule(null, null, List.of("PAYMENTS"), List.of("dev"));
      return Stream.of(
          arguments(
              "rule without namespace part grants", List.of(paymentsDev), "PAYMENTS", "dev", true),
          arguments(
              "rule without namespace part, case-insensitive",
              List.of(paymentsDev),
              "payments",
              "DEV",
              true),
          arguments(
              "rule without namespace part restricts the application",
              List.of(paymentsDev),
              "PAYROLL",
              "dev",
              false),
          arguments(
              "rule without namespace part restricts the sdlc",
              List.of(paymentsDev),
              "PAYMENTS",
              "prod",
              false),
          arguments(
              "rule naming its own namespace",
              List.of(rule(List.of("team-a"), null, List.of("*"), List.of("*"))),
              "PAYMENTS",
              "prod",
              true),
          arguments(
              "rule with a glob covering its own namespace",
              List.of(rule(List.of("team-*"), null, List.of("*"), List.of("*"))),
              "PAYMENTS",
              "prod",
              true),
          arguments(
              "rule naming only another namespace",
              List.of(rule(List.of("team-b"), null, List.of("*"), List.of("*"))),
              "PAYMENTS",
              "prod",
              false),
          arguments(
              "rule whose selector matches its namespace",
              List.of(rule(null, labels("team", "a"), List.of("*"), List.of("*"))),
              "PAYMENTS",
              "prod",
              true),
          arguments(
              "rule whose selector does not match its namespace",
              List.of(rule(null, labels("team", "b"), List.of("*"), List.of("*"))),
              "PAYMENTS",
              "prod",
              false),
          arguments(
              "rule with no applications",
              List.of(rule(null, null, List.of(), List.of("*"))),
              "PAYMENTS",
              "prod",
              false),
          arguments(
              "any of several rules",
              List.of(paymentsDev, rule(null, null, List.of("PAYROLL"), List.of("prod"))),
              "PAYROLL",
              "prod",
              true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("decisions")
    void appliesRulesWithinItsNamespace(
        String description,
        List<AccessRule> rules,
        String application,
        String sdlc,
        boolean allowed) {
      AccessDecision decision =
          AccessRules.evaluateNamespacedStore(
              "team-a",
              "local",
              rules,
              new AccessRequest("team-a", TEAM_A_LABELS, application, sdlc));

      assertThat(decision.allowed()).as(decision.message()).isEqualTo(allowed);
      assertThat(decision.message()).startsWith("FideliusStore \"team-a/local\" ");
      assertNoSurpriseContent(decision.message());
    }

    @Test
    void explainsARestrictedApplication() {
      List<AccessRule> rules = List.of(rule(null, null, List.of("PAYMENTS"), List.of("dev", "qa")));

      AccessDecision decision =
          AccessRules.evaluateNamespacedStore(
              "team-a", "local", rules, request("team-a", "PAYROLL", "prod"));

      assertThat(decision.message())
          .isEqualTo(
              "FideliusStore \"team-a/local\" admits namespace \"team-a\" only"
                  + " for applications [PAYMENTS] and sdlcs [dev, qa]; requested application PAYROLL, sdlc prod");
    }

    @Test
    void explainsARuleSetThatLeavesOutItsOwnNamespace() {
      List<AccessRule> rules = List.of(rule(List.of("team-b"), null, List.of("*"), List.of("*")));

      AccessDecision decision =
          AccessRules.evaluateNamespacedStore(
              "team-a", "local", rules, request("team-a", "PAYMENTS", "dev"));

      assertThat(decision)
          .isEqualTo(
              AccessDecision.deny(
                  "FideliusStore \"team-a/local\" does not admit namespace" + " \"team-a\""));
    }
  }

  /**
   * Messages go into a tenant's status: no labels, no selectors, nothing about other namespaces.
   */
  private static void assertNoSurpriseContent(String message) {
    assertThat(message)
        .isNotBlank()
        .doesNotContain("\n")
        .doesNotContain("gold")
        .doesNotContain("tier")
        .doesNotContain("team-b")
        .doesNotContain("team-z")
        .doesNotContain("null")
        .doesNotContain("LabelSelector");
  }

  private static AccessRequest request(String namespace, String application, String sdlc) {
    return new AccessRequest(namespace, TEAM_A_LABELS, application, sdlc);
  }

  private static AccessRule rule(
      List<String> namespaces,
      LabelSelector selector,
      List<String> applications,
      List<String> sdlcs) {
    AccessRule rule = new AccessRule();
    rule.setNamespaces(namespaces);
    rule.setNamespaceSelector(selector);
    rule.setApplications(applications);
    rule.setSdlcs(sdlcs);
    return rule;
  }

  private static LabelSelector labels(String key, String value) {
    return new LabelSelectorBuilder().addToMatchLabels(key, value).build();
  }

  private static LabelSelector expression(String key, String operator, String... values) {
    return new LabelSelectorBuilder()
        .withMatchExpressions(
            new LabelSelectorRequirement(
                key, operator, values.length == 0 ? null : List.of(values)))
        .build();
  }
}
