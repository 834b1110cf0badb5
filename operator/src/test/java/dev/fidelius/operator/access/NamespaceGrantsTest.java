package dev.fidelius.operator.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fidelius.operator.access.NamespaceGrants.Grant;
import dev.fidelius.operator.api.AccessRule;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NamespaceGrantsTest {

  private static final Map<String, String> TEAM_A = Map.of("team", "a");

  @Test
  void aClusterStoreGrantsEveryRuleThatNamesOrSelectsTheNamespaceAndNoOther() {
    AccessRule named = rule(List.of("team-a"), null, List.of("PAYMENTS"), List.of("dev"));
    AccessRule selected = rule(null, Map.of("team", "a"), List.of("SHARED"), List.of("*"));
    AccessRule elsewhere = rule(List.of("team-b"), null, List.of("OTHER"), List.of("prod"));
    AccessRule noNamespace = rule(null, null, List.of("ANY"), List.of("dev"));

    List<Grant> grants =
        NamespaceGrants.ofClusterStore(
            List.of(named, selected, elsewhere, noNamespace), "team-a", TEAM_A);

    assertThat(grants)
        .containsExactly(
            new Grant(1, List.of("PAYMENTS"), List.of("dev")),
            new Grant(2, List.of("SHARED"), List.of("*")));
    assertThat(NamespaceGrants.ofClusterStore(null, "team-a", TEAM_A)).isEmpty();
  }

  @Test
  void aNamespacedStoreGrantsOnlyItsOwnNamespaceAndEverythingWithoutRules() {
    AccessRule narrowing = rule(null, null, List.of("PAYMENTS"), List.of("dev"));
    AccessRule otherNamespace = rule(List.of("team-b"), null, List.of("X"), List.of("dev"));

    assertThat(NamespaceGrants.ofNamespacedStore("team-a", null, "team-a", TEAM_A))
        .containsExactly(new Grant(0, List.of("*"), List.of("*")));
    assertThat(
            NamespaceGrants.ofNamespacedStore(
                "team-a", List.of(narrowing, otherNamespace), "team-a", TEAM_A))
        .containsExactly(new Grant(1, List.of("PAYMENTS"), List.of("dev")));
    assertThat(NamespaceGrants.ofNamespacedStore("team-b", null, "team-a", TEAM_A)).isEmpty();
  }

  private static AccessRule rule(
      List<String> namespaces,
      Map<String, String> selector,
      List<String> applications,
      List<String> sdlcs) {
    AccessRule rule = new AccessRule();
    rule.setNamespaces(namespaces);
    if (selector != null) {
      rule.setNamespaceSelector(new LabelSelectorBuilder().withMatchLabels(selector).build());
    }
    rule.setApplications(applications);
    rule.setSdlcs(sdlcs);
    return rule;
  }
}
