package dev.fidelius.operator.backend.secretsmanager;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fidelius.operator.backend.SecretId;
import dev.fidelius.operator.backend.SecretScope;
import dev.fidelius.operator.backend.secretsmanager.ListingPlanner.DescribeEach;
import dev.fidelius.operator.backend.secretsmanager.ListingPlanner.ListQueries;
import dev.fidelius.operator.backend.secretsmanager.ListingPlanner.Plan;
import dev.fidelius.operator.backend.secretsmanager.ListingQuery.NamePrefix;
import dev.fidelius.operator.backend.secretsmanager.SecretsManagerStoreConfig.Naming;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SecretsManagerListingPlannerTest {

  private static final SecretScope ORDERS = new SecretScope("orders", null, "dev");
  private static final SecretScope BILLING = new SecretScope("billing", "web", "dev");

  private final ListingPlanner planner =
      new ListingPlanner(new SecretsManagerNaming(Naming.FULL_NAME));

  @Test
  void aLoneSecretIsDescribedBecauseThatIsOneCallAndStronglyConsistent() {
    assertThat(planner.plan(List.of(new SecretId(ORDERS, "db")))).isInstanceOf(DescribeEach.class);
  }

  @Test
  void twoSecretsAreListedInOneCall() {
    Plan plan = planner.plan(List.of(new SecretId(ORDERS, "db"), new SecretId(ORDERS, "api")));

    assertThat(queries(plan)).hasSize(1);
  }

  @Test
  void aScopeNeverListedIsListedWholeSoThatItsSizeIsLearned() {
    Plan plan = planner.plan(ids(ORDERS, 250));

    assertThat(queries(plan))
        .singleElement()
        .satisfies(
            query -> {
              assertThat(query.prefixes())
                  .extracting(NamePrefix::value)
                  .containsExactly("ORDERS.dev.");
              assertThat(query.ids()).hasSize(250);
              assertThat(query.estimatedCalls()).isEqualTo(3);
            });
  }

  @Test
  void aFewSecretsOfALargeScopeAreListedByTheirFullNames() {
    planner.learnFrom(wholeScope("ORDERS.dev."), listed("ORDERS.dev.", 1000));

    Plan plan = planner.plan(ids(ORDERS, 7));

    assertThat(queries(plan))
        .singleElement()
        .satisfies(
            query ->
                assertThat(query.prefixes())
                    .extracting(NamePrefix::value)
                    .containsExactly(
                        "ORDERS.dev.s0",
                        "ORDERS.dev.s1",
                        "ORDERS.dev.s2",
                        "ORDERS.dev.s3",
                        "ORDERS.dev.s4",
                        "ORDERS.dev.s5",
                        "ORDERS.dev.s6"));
  }

  @Test
  void mostSecretsOfALargeScopeAreListedByTheScopePrefix() {
    planner.learnFrom(wholeScope("ORDERS.dev."), listed("ORDERS.dev.", 1000));

    Plan plan = planner.plan(ids(ORDERS, 200));

    assertThat(queries(plan))
        .singleElement()
        .satisfies(
            query ->
                assertThat(query.prefixes())
                    .extracting(NamePrefix::value)
                    .containsExactly("ORDERS.dev."));
  }

  @Test
  void eachScopeGetsItsOwnCheapestFilterAndTenValuesShareACall() {
    planner.learnFrom(wholeScope("ORDERS.dev."), listed("ORDERS.dev.", 5000));
    List<SecretId> ids = new ArrayList<>(ids(ORDERS, 12));
    ids.addAll(ids(BILLING, 40));

    Plan plan = planner.plan(ids);

    List<ListingQuery> queries = queries(plan);
    assertThat(queries).hasSize(2);
    assertThat(queries.get(0).prefixes())
        .extracting(NamePrefix::value)
        .first()
        .isEqualTo("BILLING.web.dev.");
    assertThat(queries.stream().flatMap(q -> q.prefixes().stream()).filter(p -> !p.wholeScope()))
        .hasSize(12);
    assertThat(queries).allSatisfy(q -> assertThat(q.prefixes()).hasSizeLessThanOrEqualTo(10));
    assertThat(queries.stream().mapToInt(q -> q.ids().size()).sum()).isEqualTo(52);
  }

  private static List<ListingQuery> queries(Plan plan) {
    assertThat(plan).isInstanceOf(ListQueries.class);
    return ((ListQueries) plan).queries();
  }

  private static List<SecretId> ids(SecretScope scope, int count) {
    return IntStream.range(0, count).mapToObj(i -> new SecretId(scope, "s" + i)).toList();
  }

  private static ListingQuery wholeScope(String prefix) {
    return new ListingQuery(List.of(new NamePrefix(prefix, "ORDERS", true, 0, List.of())));
  }

  private static List<ListedSecret> listed(String prefix, int count) {
    return IntStream.range(0, count)
        .mapToObj(i -> new ListedSecret(prefix + "s" + i, "arn:" + i, Map.of(), Map.of(), false))
        .toList();
  }
}
