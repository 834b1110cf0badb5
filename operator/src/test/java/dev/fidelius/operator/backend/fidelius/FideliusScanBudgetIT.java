package dev.fidelius.operator.backend.fidelius;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fidelius.operator.aws.AwsCallCounter;
import dev.fidelius.operator.backend.Outcome;
import dev.fidelius.operator.backend.SecretId;
import dev.fidelius.operator.backend.SecretScope;
import dev.fidelius.operator.testsupport.MotoServer;
import dev.fidelius.operator.testsupport.TestServers;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A scan of the table with a page budget, on moto's DynamoDB, which cuts scans into pages of 1 MB
 * read as DynamoDB does: a table of about 1.5 MB takes two pages; a budget of one stops and answers
 * nothing, and the planner then leaves that many names to Queries, with no DescribeTable ever.
 */
@ExtendWith(TestServers.class)
class FideliusScanBudgetIT {

  private static final SecretScope SCOPE = SecretScope.of("BUDGET", "dev");

  /** A big item: Fidelius items hold up to 400 KB; five of these make about 1.5 MB. */
  private static final String BULK = "x".repeat(300 * 1024);

  private static FideliusTestStore store;
  private static DynamoDbFideliusTable table;

  @BeforeAll
  static void fillTableOfTwoPages(MotoServer moto) {
    store = FideliusTestStore.create(moto, "scanbudget");
    table = new DynamoDbFideliusTable(store.dynamo(), store.table());
    for (int i = 0; i < 5; i++) {
      putRaw("BUDGET.dev.big" + i, 1, BULK);
    }
    putRaw("BUDGET.dev.small", 1, "a");
    putRaw("BUDGET.dev.small", 2, "b");
  }

  @AfterAll
  static void stopStore() {
    store.close();
  }

  @Test
  void aScanWithinItsBudgetAnswersAndOneBeyondItStopsAnsweringNothing() {
    VersionScan whole = table.newestVersionsByName(List.of("BUDGET."), Long.MAX_VALUE);
    assertThat(whole.complete()).isTrue();
    assertThat(whole.pages()).as("about 1.5 MB in pages of 1 MB").isEqualTo(2);
    assertThat(whole.rows()).hasSize(6);
    assertThat(whole.rows().get("BUDGET.dev.small").version()).isEqualTo(padded(2));

    var before = store.counter().snapshot();
    VersionScan stopped = table.newestVersionsByName(List.of("BUDGET."), 1);
    assertThat(stopped.complete()).isFalse();
    assertThat(stopped.pages()).isEqualTo(1);
    assertThat(stopped.rows()).as("its last page's names may have more versions").isEmpty();
    assertThat(store.counter().since(before))
        .as("it stops without asking for the next page")
        .containsExactly(Map.entry(new AwsCallCounter.Call("dynamodb", "Scan"), 1L));

    assertThat(table.newestVersionsByName(List.of("BUDGET."), 2).rows()).isEqualTo(whole.rows());
  }

  @Test
  void twoNamesOnATableOfTwoPagesAreQueriedAfterOneStoppedScanAndThenWithoutIt() {
    FideliusReader reader = store.reader();
    List<SecretId> ids = List.of(new SecretId(SCOPE, "small"), new SecretId(SCOPE, "big0"));

    var before = store.counter().snapshot();
    Map<SecretId, Outcome<String>> first = reader.currentVersions(ids);
    var firstCalls = store.counter().since(before);
    before = store.counter().snapshot();
    Map<SecretId, Outcome<String>> second = reader.currentVersions(ids);
    var secondCalls = store.counter().since(before);

    assertThat(first).containsEntry(ids.get(0), Outcome.ok("2"));
    assertThat(first).containsEntry(ids.get(1), Outcome.ok("1"));
    assertThat(second).isEqualTo(first);
    assertThat(firstCalls)
        .containsOnly(
            Map.entry(new AwsCallCounter.Call("dynamodb", "Scan"), 1L),
            Map.entry(new AwsCallCounter.Call("dynamodb", "Query"), 2L));
    assertThat(secondCalls)
        .as("the planner knows the table takes more pages than two names take Queries")
        .containsOnly(Map.entry(new AwsCallCounter.Call("dynamodb", "Query"), 2L));
  }

  private static void putRaw(String fullName, long version, String contents) {
    store
        .dynamo()
        .putItem(
            b ->
                b.tableName(store.table())
                    .item(
                        Map.of(
                            "name", AttributeValue.fromS(fullName),
                            "version", AttributeValue.fromS(padded(version)),
                            "contents", AttributeValue.fromS(contents))));
  }

  private static String padded(long version) {
    return String.format("%019d", version);
  }
}
