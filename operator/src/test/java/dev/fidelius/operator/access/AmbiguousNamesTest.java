package dev.fidelius.operator.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fidelius.operator.api.AccessRule;
import dev.fidelius.operator.api.FideliusSecretSpec;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A name read for one SDLC must not also name a secret of an SDLC the requester is not admitted to.
 * The store's rules below name dev, qa and prod; the requester is admitted to dev and qa only.
 */
class AmbiguousNamesTest {

  private static final Set<String> ADMITTED = Set.of("dev", "qa");

  private final AmbiguousNames dotted = names('.', rule("dev", "qa"), rule("prod"));

  @Test
  void aComponentSpelledLikeAnSdlcTheRequesterMayNotReadIsRefused() {
    assertThat(dotted.problemIn(spec("component: prod\ndata: [{name: api_key}]"), false))
        .hasValue(
            "spec.component \"prod\" is also an sdlc, which namespace \"team-a\" is not admitted to: names"
                + " PAYMENTS.prod.dev.* would also name secrets of sdlc prod (the component comes before the sdlc);"
                + " choose another component");
  }

  @Test
  void theComponentIsComparedAsTheBackendsWriteIt() {
    assertThat(dotted.problemIn(spec("component: PROD\ndata: [{name: api_key}]"), false))
        .isPresent();
  }

  @Test
  void aComponentSpelledLikeAnAdmittedSdlcOrAnUnknownWordIsFine() {
    assertThat(dotted.problemIn(spec("component: qa\ndata: [{name: api_key}]"), true)).isEmpty();
    assertThat(dotted.problemIn(spec("component: backend\ndata: [{name: prod.api_key}]"), true))
        .isEmpty();
  }

  @Test
  void aShortNameStartingWithAnSdlcIsRefusedWhereNamesAreTheBoundary() {
    assertThat(dotted.problemIn(spec("data: [{name: db_password}, {name: prod.token}]"), true))
        .hasValue(
            "spec.data[1].name \"prod.token\" is ambiguous: PAYMENTS.dev.prod.token is also secret \"token\" of"
                + " component dev in sdlc prod, which namespace \"team-a\" is not admitted to");
    assertThat(dotted.problemIn(spec("dataFrom: [{find: {}}, {extract: {name: Prod.json}}]"), true))
        .hasValueSatisfying(
            message ->
                assertThat(message).startsWith("spec.dataFrom[1].extract.name \"Prod.json\""));
  }

  @Test
  void shortNamesAreNotCheckedWhereTheStoreBindsNamesToTheirSdlc() {
    assertThat(dotted.problemIn(spec("data: [{name: prod.token}]"), false)).isEmpty();
  }

  @Test
  void shortNamesThatAreNotAmbiguousPass() {
    assertThat(
            dotted.problemIn(
                spec("data: [{name: qa.token}, {name: db.prod}, {name: prod}, {name: .prod}]"),
                true))
        .isEmpty();
  }

  @Test
  void pathNamesSplitAtSlashes() {
    AmbiguousNames paths = names('/', rule("dev", "qa"), rule("prod"));

    assertThat(paths.problemIn(spec("data: [{name: prod.token}]"), true)).isEmpty();
    assertThat(paths.problemIn(spec("data: [{name: prod/token}]"), true))
        .hasValueSatisfying(
            message ->
                assertThat(message)
                    .contains(
                        "PAYMENTS/dev/prod/token is also secret \"token\" of component dev in sdlc prod"));
  }

  @Test
  void findTakesOnlyNamesThatAreNotAmbiguous() {
    assertThat(dotted.mayList("PAYMENTS", null, "dev", "db_password")).isTrue();
    assertThat(dotted.mayList("PAYMENTS", null, "dev", "prod.token")).isFalse();
    assertThat(dotted.mayList("PAYMENTS", null, "dev", "qa.token")).isTrue();
    assertThat(dotted.mayList("PAYMENTS", "backend", "dev", "prod.token"))
        .as("with a component, only the component can alias an sdlc")
        .isTrue();
  }

  @Test
  void onlySdlcsTheRulesNameLiterallyAreGuarded() {
    AmbiguousNames globs = names('.', rule("dev", "qa"), rule("*"), rule("pro*"));

    assertThat(globs.problemIn(spec("component: prod\ndata: [{name: api_key}]"), true)).isEmpty();
  }

  @Test
  void sdlcsADenyRuleRefusesAreGuardedEvenThroughAGlob() {
    AmbiguousNames denying =
        new AmbiguousNames(
            List.of(rule("*")),
            sdlc -> sdlc.startsWith("prod"),
            sdlc -> !sdlc.startsWith("prod"),
            '.',
            "namespace \"team-a\"");

    assertThat(denying.problemIn(spec("component: production\ndata: [{name: api_key}]"), false))
        .isPresent();
    assertThat(denying.problemIn(spec("data: [{name: prod-eu.token}]"), true))
        .hasValueSatisfying(
            message -> assertThat(message).contains("in sdlc prod-eu, which namespace"));
    assertThat(denying.mayList("PAYMENTS", null, "dev", "prod-eu.token")).isFalse();
    assertThat(denying.mayList("PAYMENTS", null, "dev", "qa.token")).isTrue();
  }

  private static AmbiguousNames names(char separator, AccessRule... rules) {
    return new AmbiguousNames(
        List.of(rules), ADMITTED::contains, separator, "namespace \"team-a\"");
  }

  private static AccessRule rule(String... sdlcs) {
    AccessRule rule = new AccessRule();
    rule.setNamespaces(List.of("team-a"));
    rule.setApplications(List.of("*"));
    rule.setSdlcs(List.of(sdlcs));
    return rule;
  }

  private static FideliusSecretSpec spec(String sources) {
    return Serialization.unmarshal(
        """
        storeRef: {name: shared, kind: ClusterFideliusStore}
        application: payments
        sdlc: dev
        %s
        """
            .formatted(sources),
        FideliusSecretSpec.class);
  }
}
