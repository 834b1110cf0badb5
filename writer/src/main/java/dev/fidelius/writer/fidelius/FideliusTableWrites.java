package dev.fidelius.writer.fidelius;

import dev.fidelius.operator.backend.fidelius.FideliusItemCodec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The DynamoDB calls that writing, deleting and auditing a Fidelius secret need, on a table with
 * partition key {@code name} and sort key {@code version}. The operator's own table access reads
 * only; these calls live here so that its jar cannot write. Methods throw the AWS SDK's exceptions;
 * callers turn them into typed errors with their own context.
 *
 * <p>Only versions that start with {@code 0} count as numbered versions, as in Fidelius's own
 * queries.
 */
final class FideliusTableWrites {

  /** BatchWriteItem takes at most 25 requests. */
  static final int BATCH_WRITE_LIMIT = 25;

  private static final int MAX_DELETE_ATTEMPTS = 8;
  private static final long FIRST_RETRY_DELAY_MILLIS = 50;
  private static final String NUMBERED = "#n = :n AND begins_with(#v, :zero)";
  private static final AttributeValue ZERO = AttributeValue.fromS("0");

  private final DynamoDbClient dynamo;
  private final String tableName;

  FideliusTableWrites(DynamoDbClient dynamo, String tableName) {
    this.dynamo = Objects.requireNonNull(dynamo, "dynamo");
    this.tableName = Objects.requireNonNull(tableName, "tableName");
  }

  String name() {
    return tableName;
  }

  /** The newest numbered version of a name (strongly consistent), empty when there is none. */
  Optional<String> newestVersion(String fullName) {
    QueryRequest request =
        numbered(fullName, Map.of())
            .projectionExpression("#v")
            .scanIndexForward(false)
            .limit(1)
            .build();
    return dynamo.query(request).items().stream()
        .findFirst()
        .map(item -> item.get(FideliusItemCodec.VERSION).s());
  }

  /**
   * {@code version}, {@code updatedBy} and {@code updatedOn} of every numbered version, in version
   * order.
   */
  List<Map<String, AttributeValue>> history(String fullName) {
    QueryRequest request =
        numbered(
                fullName,
                Map.of("#by", FideliusItemCodec.UPDATED_BY, "#on", FideliusItemCodec.UPDATED_ON))
            .projectionExpression("#v, #by, #on")
            .build();
    List<Map<String, AttributeValue>> rows = new ArrayList<>();
    // Each page is one Query call of at most 1 MB read; large values make several pages.
    for (QueryResponse page : dynamo.queryPaginator(request)) {
      rows.addAll(page.items());
    }
    return rows;
  }

  /** Writes the item unless its (name, version) exists; false when it does (another writer won). */
  boolean putIfAbsent(Map<String, AttributeValue> item) {
    try {
      dynamo.putItem(
          b ->
              b.tableName(tableName)
                  .item(item)
                  .conditionExpression("attribute_not_exists(#n)")
                  .expressionAttributeNames(Map.of("#n", FideliusItemCodec.NAME)));
      return true;
    } catch (ConditionalCheckFailedException versionTaken) {
      return false;
    }
  }

  /** Every stored version string of a name, numbered or not. */
  List<String> allVersions(String fullName) {
    QueryRequest request =
        QueryRequest.builder()
            .tableName(tableName)
            .keyConditionExpression("#n = :n")
            .expressionAttributeNames(
                Map.of("#n", FideliusItemCodec.NAME, "#v", FideliusItemCodec.VERSION))
            .expressionAttributeValues(Map.of(":n", AttributeValue.fromS(fullName)))
            .projectionExpression("#v")
            .consistentRead(true)
            .build();
    List<String> versions = new ArrayList<>();
    for (QueryResponse page : dynamo.queryPaginator(request)) {
      page.items().forEach(item -> versions.add(item.get(FideliusItemCodec.VERSION).s()));
    }
    return versions;
  }

  /**
   * Deletes the versions, 25 to a BatchWriteItem, retrying what DynamoDB leaves unprocessed.
   *
   * @return how many could not be deleted after the retries
   */
  int deleteVersions(String fullName, List<String> versions) {
    int left = 0;
    for (int start = 0; start < versions.size(); start += BATCH_WRITE_LIMIT) {
      List<WriteRequest> batch = new ArrayList<>();
      for (String version :
          versions.subList(start, Math.min(start + BATCH_WRITE_LIMIT, versions.size()))) {
        batch.add(
            WriteRequest.builder()
                .deleteRequest(
                    DeleteRequest.builder()
                        .key(
                            Map.of(
                                FideliusItemCodec.NAME, AttributeValue.fromS(fullName),
                                FideliusItemCodec.VERSION, AttributeValue.fromS(version)))
                        .build())
                .build());
      }
      left += writeWithRetries(batch);
    }
    return left;
  }

  /**
   * Sends one batch and resends what DynamoDB left unprocessed, backing off; returns what is left.
   */
  private int writeWithRetries(List<WriteRequest> batch) {
    List<WriteRequest> pending = batch;
    for (int attempt = 0; attempt < MAX_DELETE_ATTEMPTS && !pending.isEmpty(); attempt++) {
      if (attempt > 0) {
        sleep(FIRST_RETRY_DELAY_MILLIS << (attempt - 1));
      }
      List<WriteRequest> sending = pending;
      BatchWriteItemResponse response =
          dynamo.batchWriteItem(b -> b.requestItems(Map.of(tableName, sending)));
      pending =
          response.hasUnprocessedItems()
              ? response.unprocessedItems().getOrDefault(tableName, List.of())
              : List.of();
    }
    return pending.size();
  }

  private QueryRequest.Builder numbered(String fullName, Map<String, String> moreNames) {
    Map<String, String> names = new HashMap<>(moreNames);
    names.put("#n", FideliusItemCodec.NAME);
    names.put("#v", FideliusItemCodec.VERSION);
    return QueryRequest.builder()
        .tableName(tableName)
        .keyConditionExpression(NUMBERED)
        .expressionAttributeNames(names)
        .expressionAttributeValues(Map.of(":n", AttributeValue.fromS(fullName), ":zero", ZERO))
        .consistentRead(true);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while retrying a batch delete", e);
    }
  }
}
