package dev.fidelius.operator.backend.fidelius;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.StringJoiner;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** {@link FideliusTable} on a real DynamoDB table (partition key {@code name}, sort key {@code version}). */
final class DynamoDbFideliusTable implements FideliusTable {

  /** BatchWriteItem takes at most 25 requests. */
  static final int BATCH_WRITE_LIMIT = 25;
  /**
   * Beyond this many prefixes the scan filter expression would approach DynamoDB's 4 KB expression limit;
   * the prefixes are then matched here instead. A filter never changes how many pages a scan takes (pages
   * are cut from the data read, before filtering), only how many bytes come back.
   */
  static final int MAX_FILTERED_PREFIXES = 100;
  private static final int MAX_DELETE_ATTEMPTS = 8;
  private static final long FIRST_RETRY_DELAY_MILLIS = 50;

  private static final String NEWEST_NUMBERED = "#n = :n AND begins_with(#v, :zero)";
  private static final AttributeValue ZERO = AttributeValue.fromS("0");

  private final DynamoDbClient dynamo;
  private final String tableName;

  DynamoDbFideliusTable(DynamoDbClient dynamo, String tableName) {
    this.dynamo = Objects.requireNonNull(dynamo, "dynamo");
    this.tableName = Objects.requireNonNull(tableName, "tableName");
  }

  @Override
  public String name() {
    return tableName;
  }

  @Override
  public Optional<String> newestVersion(String fullName) {
    QueryResponse response = dynamo.query(newestFirst(fullName).projectionExpression("#v").build());
    return response.items().stream().findFirst().map(item -> item.get(FideliusItemCodec.VERSION).s());
  }

  @Override
  public Optional<Map<String, AttributeValue>> newestItem(String fullName) {
    QueryResponse response = dynamo.query(newestFirst(fullName).build());
    return response.items().stream().findFirst();
  }

  @Override
  public Optional<Map<String, AttributeValue>> item(String fullName, String paddedVersion) {
    var response = dynamo.getItem(b -> b.tableName(tableName)
        .key(Map.of(FideliusItemCodec.NAME, AttributeValue.fromS(fullName),
            FideliusItemCodec.VERSION, AttributeValue.fromS(paddedVersion)))
        .consistentRead(true));
    return response.hasItem() && !response.item().isEmpty() ? Optional.of(response.item()) : Optional.empty();
  }

  @Override
  public List<Map<String, AttributeValue>> history(String fullName) {
    QueryRequest request = QueryRequest.builder()
        .tableName(tableName)
        .keyConditionExpression(NEWEST_NUMBERED)
        .expressionAttributeNames(Map.of("#n", FideliusItemCodec.NAME, "#v", FideliusItemCodec.VERSION,
            "#by", FideliusItemCodec.UPDATED_BY, "#on", FideliusItemCodec.UPDATED_ON))
        .expressionAttributeValues(Map.of(":n", AttributeValue.fromS(fullName), ":zero", ZERO))
        .projectionExpression("#v, #by, #on")
        .consistentRead(true)
        .build();
    List<Map<String, AttributeValue>> rows = new ArrayList<>();
    // Each page is one Query call of at most 1 MB read; large values make several pages.
    for (QueryResponse page : dynamo.queryPaginator(request)) {
      rows.addAll(page.items());
    }
    return rows;
  }

  @Override
  public Map<String, VersionRow> newestVersionsByName(Collection<String> namePrefixes) {
    List<String> prefixes = List.copyOf(new LinkedHashSet<>(namePrefixes));
    Map<String, String> names = Map.of("#n", FideliusItemCodec.NAME, "#v", FideliusItemCodec.VERSION,
        "#s", FideliusItemCodec.SDLC, "#c", FideliusItemCodec.COMPONENT);
    Map<String, AttributeValue> values = new HashMap<>();
    values.put(":zero", ZERO);
    StringBuilder filter = new StringBuilder("begins_with(#v, :zero)");
    if (!prefixes.isEmpty() && prefixes.size() <= MAX_FILTERED_PREFIXES) {
      StringJoiner anyPrefix = new StringJoiner(" OR ", " AND (", ")");
      for (int i = 0; i < prefixes.size(); i++) {
        values.put(":p" + i, AttributeValue.fromS(prefixes.get(i)));
        anyPrefix.add("begins_with(#n, :p" + i + ")");
      }
      filter.append(anyPrefix);
    }
    ScanRequest request = ScanRequest.builder()
        .tableName(tableName)
        .projectionExpression("#n, #v, #s, #c")
        .filterExpression(filter.toString())
        .expressionAttributeNames(names)
        .expressionAttributeValues(values)
        .build();

    Map<String, VersionRow> newest = new HashMap<>();
    for (ScanResponse page : dynamo.scanPaginator(request)) {
      for (Map<String, AttributeValue> item : page.items()) {
        VersionRow row = new VersionRow(item.get(FideliusItemCodec.NAME).s(),
            item.get(FideliusItemCodec.VERSION).s(), stringOrNull(item.get(FideliusItemCodec.SDLC)),
            stringOrNull(item.get(FideliusItemCodec.COMPONENT)));
        if (prefixes.isEmpty() || prefixes.stream().anyMatch(row.fullName()::startsWith)) {
          newest.merge(row.fullName(), row, (a, b) -> VersionRow.NEWEST_FIRST.compare(a, b) <= 0 ? a : b);
        }
      }
    }
    return newest;
  }

  @Override
  public OptionalLong sizeBytes() {
    TableDescription table = dynamo.describeTable(b -> b.tableName(tableName)).table();
    return table.tableSizeBytes() == null ? OptionalLong.empty() : OptionalLong.of(table.tableSizeBytes());
  }

  @Override
  public boolean putIfAbsent(Map<String, AttributeValue> item) {
    try {
      dynamo.putItem(b -> b.tableName(tableName)
          .item(item)
          .conditionExpression("attribute_not_exists(#n)")
          .expressionAttributeNames(Map.of("#n", FideliusItemCodec.NAME)));
      return true;
    } catch (ConditionalCheckFailedException versionTaken) {
      return false;
    }
  }

  @Override
  public List<String> allVersions(String fullName) {
    QueryRequest request = QueryRequest.builder()
        .tableName(tableName)
        .keyConditionExpression("#n = :n")
        .expressionAttributeNames(Map.of("#n", FideliusItemCodec.NAME, "#v", FideliusItemCodec.VERSION))
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

  @Override
  public int deleteVersions(String fullName, List<String> versions) {
    int left = 0;
    for (int start = 0; start < versions.size(); start += BATCH_WRITE_LIMIT) {
      List<WriteRequest> batch = new ArrayList<>();
      for (String version : versions.subList(start, Math.min(start + BATCH_WRITE_LIMIT, versions.size()))) {
        batch.add(WriteRequest.builder().deleteRequest(DeleteRequest.builder().key(Map.of(
            FideliusItemCodec.NAME, AttributeValue.fromS(fullName),
            FideliusItemCodec.VERSION, AttributeValue.fromS(version))).build()).build());
      }
      left += writeWithRetries(batch);
    }
    return left;
  }

  /** Sends one batch and resends what DynamoDB left unprocessed, backing off; returns what is left. */
  private int writeWithRetries(List<WriteRequest> batch) {
    List<WriteRequest> pending = batch;
    for (int attempt = 0; attempt < MAX_DELETE_ATTEMPTS && !pending.isEmpty(); attempt++) {
      if (attempt > 0) {
        sleep(FIRST_RETRY_DELAY_MILLIS << (attempt - 1));
      }
      List<WriteRequest> sending = pending;
      BatchWriteItemResponse response = dynamo.batchWriteItem(b -> b.requestItems(Map.of(tableName, sending)));
      pending = response.hasUnprocessedItems()
          ? response.unprocessedItems().getOrDefault(tableName, List.of())
          : List.of();
    }
    return pending.size();
  }

  private QueryRequest.Builder newestFirst(String fullName) {
    return QueryRequest.builder()
        .tableName(tableName)
        .keyConditionExpression(NEWEST_NUMBERED)
        .expressionAttributeNames(Map.of("#n", FideliusItemCodec.NAME, "#v", FideliusItemCodec.VERSION))
        .expressionAttributeValues(Map.of(":n", AttributeValue.fromS(fullName), ":zero", ZERO))
        .scanIndexForward(false)
        .limit(1)
        .consistentRead(true);
  }

  private static String stringOrNull(AttributeValue value) {
    return value == null ? null : value.s();
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
