package dev.fidelius.operator.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fidelius.operator.api.DataFromSource;
import dev.fidelius.operator.api.FideliusSecretSpec;
import dev.fidelius.operator.api.FindSource;
import dev.fidelius.operator.backend.ErrorKind;
import dev.fidelius.operator.backend.Outcome;
import dev.fidelius.operator.provider.StoreProvider;
import org.junit.jupiter.api.Test;

class SourcePlannerBoundsTest {

  /** A Fidelius store: versions only, no staging labels. */
  private static final StoreProvider.Capabilities FIDELIUS =
      new StoreProvider.Capabilities(false, true);

  @Test
  void aPatternRe2RefusesIsInvalidSpecNamingTheField() {
    Outcome<SourcePlan> plan = SourcePlanner.plan(spec("^ok$", "(?<=x)y"), FIDELIUS);

    assertThat(plan.isOk()).isFalse();
    assertThat(plan.error().kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
    assertThat(plan.error().message())
        .startsWith(
            "spec.dataFrom[1].find.nameRegex is not a valid regular expression"
                + " (RE2 syntax): ");
  }

  @Test
  void aRepetitionBombIsInvalidSpec() {
    Outcome<SourcePlan> plan = SourcePlanner.plan(spec("((a{1000}){1000}){1000}"), FIDELIUS);

    assertThat(plan.error().message())
        .startsWith("spec.dataFrom[0].find.nameRegex repeats too much");
  }

  @Test
  void theCatastrophicPatternIsAcceptedAndMatchesQuickly() {
    Outcome<SourcePlan> plan = SourcePlanner.plan(spec("(?:.|.|.|.|.|.|.|.)*?\\x00"), FIDELIUS);

    assertThat(plan.isOk()).isTrue();
    assertThat(plan.value().finds().get(0).matches("db_password")).isFalse();
  }

  @Test
  void moreDataItemsThanTheSchemaAllowsAreInvalidSpec() {
    FideliusSecretSpec spec = spec();
    spec.setData(
        java.util.stream.IntStream.range(0, 501)
            .mapToObj(
                i -> {
                  var item = new dev.fidelius.operator.api.SecretDataItem();
                  item.setName("s" + i);
                  return item;
                })
            .toList());

    assertThat(SourcePlanner.plan(spec, FIDELIUS).error().message())
        .startsWith("spec.data has 501 items; at most 500");
  }

  @Test
  void moreDataFromItemsThanTheSchemaAllowsAreInvalidSpec() {
    String[] many = new String[51];
    java.util.Arrays.fill(many, "^a");

    assertThat(SourcePlanner.plan(spec(many), FIDELIUS).error().message())
        .isEqualTo("spec.dataFrom has 51 items; at most 50 are allowed");
  }

  private static FideliusSecretSpec spec(String... regexes) {
    FideliusSecretSpec spec = new FideliusSecretSpec();
    spec.setApplication("PAYMENTS");
    spec.setSdlc("dev");
    spec.setDataFrom(
        java.util.Arrays.stream(regexes)
            .map(
                r -> {
                  FindSource find = new FindSource();
                  find.setNameRegex(r);
                  DataFromSource source = new DataFromSource();
                  source.setFind(find);
                  return source;
                })
            .toList());
    return spec;
  }
}
