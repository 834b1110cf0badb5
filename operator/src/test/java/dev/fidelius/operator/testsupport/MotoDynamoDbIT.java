package dev.fidelius.operator.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * moto's DynamoDB, the only DynamoDB the tests use, answers the calls the Fidelius store makes as
 * DynamoDB does: the newest-version Query (projection, Limit 1, newest first), the projection Scan
 * cut into pages of 1 MB read, DescribeTable, the conditional put that never overwrites a version,
 * and BatchWriteItem.
 */
@ExtendWith(TestServers.class)
class MotoDynamoDbIT {

  private static final Map<String, String> NAMES = Map.of("#n", "name", "#v", "version");

  private static AwsTestClients clients;
  private static DynamoDbClient dynamo;
  private static String table;

  @BeforeAll
  static void createTable(MotoServer moto) {
    clients = new AwsTestClients();
    dynamo = clients.dynamoDb(moto.endpoint());
    table = "moto-smoke-" + UUID.randomUUID().toString().substring(0, 8);
    FideliusTables.create(dynamo, table);
  }

  @AfterAll
  static void close() {
    clients.close();
  }

  @Test
  void newestVersionQueryReturnsOnlyTheProjectedVersionOfTheNewestNumberedItem() {
    for (String version :
        List.of("0000000000000000001", "0000000000000000003", "0000000000000000002", "legacy")) {
      put(item("APP.dev.query", version, "value " + version));
    }

    QueryResponse newest =
        dynamo.query(
            b ->
                b.tableName(table)
                    .keyConditionExpression("#n = :n AND begins_with(#v, :zero)")
                    .expressionAttributeNames(NAMES)
                    .expressionAttributeValues(
                        Map.of(
                            ":n",
                            AttributeValue.fromS("APP.dev.query"),
                            ":zero",
                            AttributeValue.fromS("0")))
                    .projectionExpression("#v")
                    .scanIndexForward(false)
                    .limit(1)
                    .consistentRead(true));

    assertThat(newest.items())
        .singleElement()
        .isEqualTo(Map.of("version", AttributeValue.fromS("0000000000000000003")));
  }

  @Test
  void projectionScanComesInPagesOfOneMegabyteReadAndProjectsEveryItem() {
    String prefix = "SCAN" + UUID.randomUUID().toString().substring(0, 6) + ".dev.";
    List<WriteRequest> writes = new ArrayList<>();
    for (int i = 0; i < 150; i++) {
      // 150 items of about 10 KB: 1.5 MB of data, so a scan of them reads two pages.
      writes.add(
          WriteRequest.builder()
              .putRequest(
                  PutRequest.builder()
                      .item(item(prefix + i, "0000000000000000001", "x".repeat(10_000)))
                      .build())
              .build());
    }
    batchWrite(writes);
    ScanRequest scan =
        ScanRequest.builder()
            .tableName(table)
            .projectionExpression("#n, #v")
            .filterExpression("begins_with(#n, :p)")
            .expressionAttributeNames(NAMES)
            .expressionAttributeValues(Map.of(":p", AttributeValue.fromS(prefix)))
            .build();
    long scansBefore = clients.counter().count("dynamodb", "Scan");

    List<Map<String, AttributeValue>> items = new ArrayList<>();
    for (ScanResponse page : dynamo.scanPaginator(scan)) {
      items.addAll(page.items());
    }

    assertThat(items)
        .hasSize(150)
        .allSatisfy(item -> assertThat(item).containsOnlyKeys("name", "version"));
    assertThat(clients.counter().count("dynamodb", "Scan") - scansBefore).isEqualTo(2);
  }

  @Test
  void conditionalPutNeverReplacesAnExistingVersion() {
    Map<String, AttributeValue> first = item("APP.dev.conditional", "0000000000000000001", "first");
    putIfAbsent(first);

    assertThatThrownBy(
            () -> putIfAbsent(item("APP.dev.conditional", "0000000000000000001", "second")))
        .isInstanceOf(ConditionalCheckFailedException.class);
    assertThat(
            dynamo
                .getItem(
                    b ->
                        b.tableName(table)
                            .consistentRead(true)
                            .key(
                                Map.of("name", first.get("name"), "version", first.get("version"))))
                .item())
        .isEqualTo(first);
  }

  @Test
  void batchWriteDeletesAndDescribeTableCountsItems() {
    String name = "APP.dev.batch" + UUID.randomUUID().toString().substring(0, 6);
    List<WriteRequest> puts = new ArrayList<>();
    List<WriteRequest> deletes = new ArrayList<>();
    for (int i = 1; i <= 25; i++) {
      Map<String, AttributeValue> item = item(name, String.format("%019d", i), "v" + i);
      puts.add(WriteRequest.builder().putRequest(b -> b.item(item)).build());
      deletes.add(
          WriteRequest.builder()
              .deleteRequest(
                  b -> b.key(Map.of("name", item.get("name"), "version", item.get("version"))))
              .build());
    }
    batchWrite(puts);
    long withBatch = describe().itemCount();
    batchWrite(deletes);

    assertThat(withBatch - describe().itemCount()).isEqualTo(25);
    assertThat(
            dynamo
                .query(
                    b ->
                        b.tableName(table)
                            .keyConditionExpression("#n = :n")
                            .expressionAttributeNames(Map.of("#n", "name"))
                            .expressionAttributeValues(Map.of(":n", AttributeValue.fromS(name))))
                .items())
        .isEmpty();
    // Unlike DynamoDB, moto reports TableSizeBytes 0 whatever the table holds (DynamoDB too reports
    // 0 for a
    // table younger than its six-hourly refresh); the reader then scans for two names or more.
    assertThat(describe().tableSizeBytes()).isNotNull().isNotNegative();
  }

  private static Map<String, AttributeValue> item(String name, String version, String contents) {
    Map<String, AttributeValue> item = new HashMap<>();
    item.put("name", AttributeValue.fromS(name));
    item.put("version", AttributeValue.fromS(version));
    item.put("contents", AttributeValue.fromS(contents));
    return item;
  }

  private static void put(Map<String, AttributeValue> item) {
    dynamo.putItem(b -> b.tableName(table).item(item));
  }

  private static void putIfAbsent(Map<String, AttributeValue> item) {
    dynamo.putItem(
        b ->
            b.tableName(table)
                .item(item)
                .conditionExpression("attribute_not_exists(#n)")
                .expressionAttributeNames(Map.of("#n", "name")));
  }

  /** BatchWriteItem in chunks of 25, its limit; moto processes every request of a batch. */
  private static void batchWrite(List<WriteRequest> writes) {
    for (int start = 0; start < writes.size(); start += 25) {
      List<WriteRequest> chunk = writes.subList(start, Math.min(start + 25, writes.size()));
      var response = dynamo.batchWriteItem(b -> b.requestItems(Map.of(table, chunk)));
      assertThat(response.unprocessedItems()).isEmpty();
    }
  }

  private static TableDescription describe() {
    return dynamo.describeTable(b -> b.tableName(table)).table();
  }
}
