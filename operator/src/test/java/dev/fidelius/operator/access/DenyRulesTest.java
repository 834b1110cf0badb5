package dev.fidelius.operator.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fidelius.operator.api.AccessRule;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Deny rules are evaluated before the allow rules and refuse whatever those admit. */
class DenyRulesTest {

  private static final Map<String, String> PROD_LABELS = Map.of("env", "prod", "tier", "gold");

  /** The README's example: every team reads every application, except PAYMENTS in production. */
  private static final List<AccessRule> PLATFORM_WIDE =
      List.of(rule(List.of("team-*"), null, List.of("*"), List.of("*")));

  @Test
  void aDenyMatchRefusesWhatAnAllowRuleAdmitsAndNamesTheDenyRuleByIndex() {
    List<AccessRule> deny =
        List.of(
            rule(List.of("team-z"), null, List.of("OTHER"), List.of("dev")),
            rule(null, null, List.of("PAYMENTS"), List.of("prod")));

    AccessDecision decision =
        AccessRules.evaluateClusterStore(
            "platform", PLATFORM_WIDE, deny, request("team-a", "payments", "PROD"));

    assertThat(decision.allowed()).isFalse();
    assertThat(decision.message())
        .isEqualTo(
            "ClusterFideliusStore \"platform\" refuses namespace \"team-a\" application payments,"
                + " sdlc PROD: denied by access.deny[1]");
    assertThat(decision.message())
        .as("nothing of what the deny rules protect elsewhere")
        .doesNotContain("team-z")
        .doesNotContain("OTHER")
        .doesNotContain("team-*");
  }

  @Test
  void whatNoDenyRuleMatchesIsDecidedByTheAllowRules() {
    List<AccessRule> deny = List.of(rule(null, null, List.of("PAYMENTS"), List.of("prod")));

    assertThat(evaluate(deny, request("team-a", "PAYMENTS", "dev")).allowed()).isTrue();
    assertThat(evaluate(deny, request("team-a", "PAYROLL", "prod")).allowed()).isTrue();
    assertThat(evaluate(deny, request("team-a", "PAYROLL", "prod")).message())
        .isEqualTo(
            "ClusterFideliusStore \"platform\" admits namespace \"team-a\" for application"
                + " PAYROLL, sdlc prod (access rule 1)");
    assertThat(evaluate(deny, request("elsewhere", "PAYROLL", "prod")).message())
        .as("an allow-rule refusal stays as it was")
        .isEqualTo("ClusterFideliusStore \"platform\" does not admit namespace \"elsewhere\"");
  }

  @Test
  void noDenyRulesOrAnEmptyListChangeNothing() {
    AccessRequest request = request("team-a", "PAYMENTS", "prod");
    AccessDecision without = AccessRules.evaluateClusterStore("platform", PLATFORM_WIDE, request);

    assertThat(evaluate(null, request)).isEqualTo(without);
    assertThat(evaluate(List.of(), request)).isEqualTo(without);
    assertThat(without.allowed()).isTrue();
  }

  @Test
  void globsMatchNamespacesApplicationsAndSdlcsAsInAllowRules() {
    List<AccessRule> deny =
        List.of(rule(List.of("team-*-ext"), null, List.of("pay*"), List.of("prod*")));

    assertThat(evaluate(deny, request("team-a-ext", "PAYROLL", "production")).message())
        .endsWith("denied by access.deny[0]");
    assertThat(evaluate(deny, request("team-a", "PAYROLL", "prod")).allowed())
        .as("namespace glob does not match")
        .isTrue();
    assertThat(evaluate(deny, request("team-a-ext", "BILLING", "prod")).allowed())
        .as("application glob does not match")
        .isTrue();
    assertThat(evaluate(deny, request("team-a-ext", "PAYROLL", "dev")).allowed())
        .as("sdlc glob does not match")
        .isTrue();
    assertThat(evaluate(deny, request("Team-a-ext", "PAYROLL", "prod")).message())
        .as("namespaces compare with case, as in allow rules")
        .doesNotContain("access.deny");
  }

  @Test
  void aSelectorDeniesTheNamespacesWhoseLabelsMatch() {
    List<AccessRule> deny =
        List.of(rule(null, labels("env", "prod"), List.of("*"), List.of("dev")));

    AccessRequest prodLabelled = new AccessRequest("team-a", PROD_LABELS, "PAYMENTS", "dev");
    AccessRequest unlabelled = new AccessRequest("team-a", Map.of(), "PAYMENTS", "dev");

    assertThat(evaluate(deny, prodLabelled).message())
        .endsWith("denied by access.deny[0]")
        .doesNotContain("env")
        .doesNotContain("gold");
    assertThat(evaluate(deny, unlabelled).allowed()).isTrue();
  }

  @Test
  void aDenyRuleWithoutNamespaceConditionCoversEveryNamespaceTheStoreServes() {
    List<AccessRule> deny = List.of(rule(List.of(), null, List.of("PAYMENTS"), List.of("prod")));

    assertThat(evaluate(deny, request("team-a", "PAYMENTS", "prod")).allowed()).isFalse();
    assertThat(evaluate(deny, request("team-b", "PAYMENTS", "prod")).allowed()).isFalse();
  }

  @Test
  void emptyApplicationOrSdlcListsDenyNothing() {
    List<AccessRule> deny =
        List.of(
            rule(null, null, List.of(), List.of("prod")),
            rule(null, null, List.of("PAYMENTS"), null));

    assertThat(evaluate(deny, request("team-a", "PAYMENTS", "prod")).allowed()).isTrue();
  }

  @Test
  void theFirstMatchingDenyRuleIsNamed() {
    List<AccessRule> deny =
        List.of(
            rule(null, null, List.of("OTHER"), List.of("*")),
            rule(List.of("team-a"), null, List.of("*"), List.of("prod")),
            rule(null, null, List.of("PAYMENTS"), List.of("*")));

    assertThat(evaluate(deny, request("team-a", "PAYMENTS", "prod")).message())
        .endsWith("denied by access.deny[1]");
    assertThat(evaluate(deny, request("team-a", "PAYMENTS", "dev")).message())
        .endsWith("denied by access.deny[2]");
  }

  @Test
  void aClusterStoreWithoutAllowRulesStillNamesTheDenyRule() {
    List<AccessRule> deny = List.of(rule(null, null, List.of("*"), List.of("*")));

    assertThat(
            AccessRules.evaluateClusterStore(
                    "platform", null, deny, request("team-a", "PAYMENTS", "prod"))
                .message())
        .endsWith("denied by access.deny[0]");
  }

  @Test
  void aNamespacedStoreDeniesInItsOwnNamespaceEvenWithoutAllowRules() {
    List<AccessRule> deny = List.of(rule(null, null, List.of("PAYMENTS"), List.of("prod")));

    AccessDecision prod =
        AccessRules.evaluateNamespacedStore(
            "team-a", "local", null, deny, request("team-a", "PAYMENTS", "prod"));
    AccessDecision dev =
        AccessRules.evaluateNamespacedStore(
            "team-a", "local", null, deny, request("team-a", "PAYMENTS", "dev"));
    AccessDecision otherNamespace =
        AccessRules.evaluateNamespacedStore(
            "team-a", "local", null, deny, request("team-b", "PAYMENTS", "prod"));

    assertThat(prod.message())
        .isEqualTo(
            "FideliusStore \"team-a/local\" refuses namespace \"team-a\" application PAYMENTS,"
                + " sdlc prod: denied by access.deny[0]");
    assertThat(dev.allowed()).isTrue();
    assertThat(otherNamespace.message())
        .as("a FideliusStore's own-namespace refusal comes first")
        .contains("serves only its own namespace");
  }

  @Test
  void aNamespacedDenyRuleWithANamespaceConditionMustCoverTheNamespace() {
    List<AccessRule> deny =
        List.of(rule(List.of("team-b"), null, List.of("PAYMENTS"), List.of("prod")));

    assertThat(
            AccessRules.evaluateNamespacedStore(
                    "team-a", "local", null, deny, request("team-a", "PAYMENTS", "prod"))
                .allowed())
        .isTrue();
  }

  @Test
  void namespaceGrantsListTheDenyRulesCoveringANamespaceWithTheirIndex() {
    List<AccessRule> deny =
        List.of(
            rule(List.of("team-z"), null, List.of("OTHER"), List.of("dev")),
            rule(null, null, List.of("PAYMENTS"), List.of("prod")),
            rule(null, labels("env", "prod"), List.of("*"), List.of("dev")));

    assertThat(NamespaceGrants.deniedByClusterStore(deny, "team-a", PROD_LABELS))
        .containsExactly(
            new NamespaceGrants.Denial(1, List.of("PAYMENTS"), List.of("prod")),
            new NamespaceGrants.Denial(2, List.of("*"), List.of("dev")));
    assertThat(NamespaceGrants.deniedByClusterStore(deny, "team-a", Map.of()))
        .extracting(NamespaceGrants.Denial::field)
        .containsExactly("access.deny[1]");
    assertThat(NamespaceGrants.deniedByNamespacedStore("team-a", deny, "team-b", Map.of()))
        .isEmpty();
    assertThat(NamespaceGrants.deniedByClusterStore(null, "team-a", Map.of())).isEmpty();
  }

  private static AccessDecision evaluate(List<AccessRule> deny, AccessRequest request) {
    return AccessRules.evaluateClusterStore("platform", PLATFORM_WIDE, deny, request);
  }

  private static AccessRequest request(String namespace, String application, String sdlc) {
    return new AccessRequest(namespace, Map.of(), application, sdlc);
  }

  static AccessRule rule(
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
}
