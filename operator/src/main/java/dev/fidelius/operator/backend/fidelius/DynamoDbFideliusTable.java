package dev.fidelius.operator.backend.fidelius;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.StringJoiner;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/**
 * {@link FideliusTable} on a real DynamoDB table (partition key {@code name}, sort key {@code
 * version}).
 */
final class DynamoDbFideliusTable implements FideliusTable {

  /**
   * Beyond this many prefixes the scan filter expression would approach DynamoDB's 4 KB expression
   * limit; the prefixes are then matched here instead. A filter never changes how many pages a scan
   * takes (pages are cut from the data read, before filtering), only how many bytes come back.
   */
  static final int MAX_FILTERED_PREFIXES = 100;

  /** Times a batch's unprocessed keys are asked again before they are left to the caller. */
  static final int UNPROCESSED_RETRIES = 3;

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
    return response.items().stream()
        .findFirst()
        .map(item -> item.get(FideliusItemCodec.VERSION).s());
  }

  @Override
  public Optional<Map<String, AttributeValue>> newestItem(String fullName) {
    QueryResponse response = dynamo.query(newestFirst(fullName).build());
    return response.items().stream().findFirst();
  }

  @Override
  public Optional<Map<String, AttributeValue>> item(String fullName, String paddedVersion) {
    var response =
        dynamo.getItem(
            b ->
                b.tableName(tableName)
                    .key(
                        Map.of(
                            FideliusItemCodec.NAME,
                            AttributeValue.fromS(fullName),
                            FideliusItemCodec.VERSION,
                            AttributeValue.fromS(paddedVersion)))
                    .consistentRead(true));
    return response.hasItem() && !response.item().isEmpty()
        ? Optional.of(response.item())
        : Optional.empty();
  }

  @Override
  public Map<ItemKey, Optional<Map<String, AttributeValue>>> items(Collection<ItemKey> keys) {
    Map<ItemKey, Optional<Map<String, AttributeValue>>> answered = new HashMap<>();
    List<ItemKey> distinct = List.copyOf(new LinkedHashSet<>(keys));
    for (int from = 0; from < distinct.size(); from += MAX_KEYS_PER_BATCH) {
      List<ItemKey> batch =
          distinct.subList(from, Math.min(distinct.size(), from + MAX_KEYS_PER_BATCH));
      answered.putAll(batchGet(batch));
    }
    return answered;
  }

  /**
   * One batch of at most 100 keys: BatchGetItem, then its unprocessed keys again (DynamoDB returns
   * some when a call would read more than 16 MB or the table is throttled) at most {@link
   * #UNPROCESSED_RETRIES} times, the SDK's own retries covering throttling of whole calls.
   */
  private Map<ItemKey, Optional<Map<String, AttributeValue>>> batchGet(List<ItemKey> batch) {
    Map<ItemKey, Optional<Map<String, AttributeValue>>> answered = new HashMap<>();
    List<Map<String, AttributeValue>> toAsk =
        batch.stream().map(DynamoDbFideliusTable::key).toList();
    for (int attempt = 0; attempt <= UNPROCESSED_RETRIES && !toAsk.isEmpty(); attempt++) {
      List<Map<String, AttributeValue>> asked = toAsk;
      BatchGetItemResponse response =
          dynamo.batchGetItem(
              b ->
                  b.requestItems(
                      Map.of(
                          tableName,
                          KeysAndAttributes.builder().keys(asked).consistentRead(true).build())));
      for (Map<String, AttributeValue> item :
          response.responses().getOrDefault(tableName, List.of())) {
        answered.put(keyOf(item), Optional.of(item));
      }
      KeysAndAttributes unprocessed = response.unprocessedKeys().get(tableName);
      List<Map<String, AttributeValue>> left =
          unprocessed == null || !unprocessed.hasKeys() ? List.of() : unprocessed.keys();
      for (Map<String, AttributeValue> key : asked) {
        ItemKey itemKey = keyOf(key);
        if (!answered.containsKey(itemKey) && !left.contains(key)) {
          answered.put(itemKey, Optional.empty()); // asked, processed, absent: it does not exist
        }
      }
      toAsk = left;
    }
    return answered;
  }

  private static Map<String, AttributeValue> key(ItemKey key) {
    return Map.of(
        FideliusItemCodec.NAME,
        AttributeValue.fromS(key.fullName()),
        FideliusItemCodec.VERSION,
        AttributeValue.fromS(key.paddedVersion()));
  }

  private static ItemKey keyOf(Map<String, AttributeValue> item) {
    return new ItemKey(
        item.get(FideliusItemCodec.NAME).s(), item.get(FideliusItemCodec.VERSION).s());
  }

  @Override
  public VersionScan newestVersionsByName(Collection<String> namePrefixes, long maxPages) {
    List<String> prefixes = List.copyOf(new LinkedHashSet<>(namePrefixes));
    Map<String, String> names =
        Map.of(
            "#n",
            FideliusItemCodec.NAME,
            "#v",
            FideliusItemCodec.VERSION,
            "#s",
            FideliusItemCodec.SDLC,
            "#c",
            FideliusItemCodec.COMPONENT);
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
    ScanRequest request =
        ScanRequest.builder()
            .tableName(tableName)
            .projectionExpression("#n, #v, #s, #c")
            .filterExpression(filter.toString())
            .expressionAttributeNames(names)
            .expressionAttributeValues(values)
            .build();

    Map<String, VersionRow> newest = new HashMap<>();
    long pages = 0;
    for (ScanResponse page : dynamo.scanPaginator(request)) {
      pages++;
      boolean more = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty();
      if (more && pages >= maxPages) {
        // The paginator asks for the next page only when iterated further: stop before it does.
        return VersionScan.stoppedAfter(pages);
      }
      for (Map<String, AttributeValue> item : page.items()) {
        VersionRow row =
            new VersionRow(
                item.get(FideliusItemCodec.NAME).s(),
                item.get(FideliusItemCodec.VERSION).s(),
                stringOrNull(item.get(FideliusItemCodec.SDLC)),
                stringOrNull(item.get(FideliusItemCodec.COMPONENT)));
        if (prefixes.isEmpty() || prefixes.stream().anyMatch(row.fullName()::startsWith)) {
          newest.merge(
              row.fullName(), row, (a, b) -> VersionRow.NEWEST_FIRST.compare(a, b) <= 0 ? a : b);
        }
      }
    }
    return VersionScan.whole(newest, pages);
  }

  private QueryRequest.Builder newestFirst(String fullName) {
    return QueryRequest.builder()
        .tableName(tableName)
        .keyConditionExpression(NEWEST_NUMBERED)
        .expressionAttributeNames(
            Map.of("#n", FideliusItemCodec.NAME, "#v", FideliusItemCodec.VERSION))
        .expressionAttributeValues(Map.of(":n", AttributeValue.fromS(fullName), ":zero", ZERO))
        .scanIndexForward(false)
        .limit(1)
        .consistentRead(true);
  }

  private static String stringOrNull(AttributeValue value) {
    return value == null ? null : value.s();
  }
}
