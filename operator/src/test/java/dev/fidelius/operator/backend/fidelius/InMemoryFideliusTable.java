package dev.fidelius.operator.backend.fidelius;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

/**
 * A Fidelius table in memory for unit tests: items by name and version, a count of calls per
 * method, and failures that can be switched on per name or for scans.
 */
final class InMemoryFideliusTable implements FideliusTable {

  private final Map<String, NavigableMap<String, Map<String, AttributeValue>>> items =
      new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
  private final Map<String, RuntimeException> failingNames = new ConcurrentHashMap<>();
  private volatile RuntimeException scanFailure;
  private volatile RuntimeException batchFailure;
  private volatile long scanPages = 1;

  static DynamoDbException awsError(String code, int status) {
    return (DynamoDbException)
        DynamoDbException.builder()
            .statusCode(status)
            .awsErrorDetails(
                AwsErrorDetails.builder()
                    .errorCode(code)
                    .errorMessage(code + " from the fake")
                    .build())
            .build();
  }

  synchronized void put(Map<String, AttributeValue> item) {
    items
        .computeIfAbsent(item.get("name").s(), n -> new TreeMap<>())
        .put(item.get("version").s(), Map.copyOf(item));
  }

  /** Fidelius deletes a name with all its versions. */
  synchronized void delete(String fullName) {
    items.remove(fullName);
  }

  void failReadsOf(String fullName, RuntimeException failure) {
    failingNames.put(fullName, failure);
  }

  void failBatchesWith(RuntimeException failure) {
    batchFailure = failure;
  }

  void failScansWith(RuntimeException failure) {
    scanFailure = failure;
  }

  /** A whole scan of the table takes this many pages (calls); one by default, a small table. */
  void takesPagesToScan(long pages) {
    scanPages = pages;
  }

  int calls(String method) {
    AtomicInteger n = calls.get(method);
    return n == null ? 0 : n.get();
  }

  int totalCalls() {
    return calls.values().stream().mapToInt(AtomicInteger::get).sum();
  }

  @Override
  public String name() {
    return "in-memory";
  }

  @Override
  public Optional<String> newestVersion(String fullName) {
    count("newestVersion", fullName);
    return numbered(fullName).map(NavigableMap::lastKey);
  }

  @Override
  public Optional<Map<String, AttributeValue>> newestItem(String fullName) {
    count("newestItem", fullName);
    return numbered(fullName).map(versions -> versions.lastEntry().getValue());
  }

  @Override
  public synchronized Optional<Map<String, AttributeValue>> item(
      String fullName, String paddedVersion) {
    count("item", fullName);
    return Optional.ofNullable(items.getOrDefault(fullName, new TreeMap<>()).get(paddedVersion));
  }

  /** Counts one "items" call per 100 keys, as BatchGetItem would take. */
  @Override
  public synchronized Map<ItemKey, Optional<Map<String, AttributeValue>>> items(
      Collection<ItemKey> keys) {
    if (batchFailure != null) {
      count("items", null);
      throw batchFailure;
    }
    List<ItemKey> distinct = List.copyOf(new LinkedHashSet<>(keys));
    Map<ItemKey, Optional<Map<String, AttributeValue>>> answered = new HashMap<>();
    for (int i = 0; i < distinct.size(); i++) {
      ItemKey key = distinct.get(i);
      if (i % MAX_KEYS_PER_BATCH == 0) {
        count("items", null);
      }
      count("itemsKey", key.fullName());
      answered.put(
          key,
          Optional.ofNullable(
              items.getOrDefault(key.fullName(), new TreeMap<>()).get(key.paddedVersion())));
    }
    return answered;
  }

  /** Runs at the start of every scan, outside the table's lock (e.g. to make a scan slow). */
  volatile Runnable beforeScan = () -> {};

  /**
   * Runs after every scan read the table and before it returns, outside the table's lock: what
   * happens while a scan's answer is on its way (a write, another read).
   */
  volatile Runnable afterScan = () -> {};

  @Override
  public VersionScan newestVersionsByName(Collection<String> namePrefixes, long maxPages) {
    beforeScan.run();
    VersionScan scanned = scan(namePrefixes, maxPages);
    afterScan.run();
    return scanned;
  }

  private synchronized VersionScan scan(Collection<String> namePrefixes, long maxPages) {
    count("scan", null);
    if (scanFailure != null) {
      throw scanFailure;
    }
    if (scanPages > maxPages) {
      return VersionScan.stoppedAfter(maxPages);
    }
    Map<String, VersionRow> newest = new HashMap<>();
    items.forEach(
        (name, versions) -> {
          if (namePrefixes.stream().anyMatch(name::startsWith)) {
            numbered(name)
                .ifPresent(
                    v -> {
                      Map<String, AttributeValue> item = v.lastEntry().getValue();
                      newest.put(
                          name,
                          new VersionRow(
                              name, v.lastKey(), text(item, "sdlc"), text(item, "component")));
                    });
          }
        });
    return VersionScan.whole(newest, scanPages);
  }

  private synchronized Optional<NavigableMap<String, Map<String, AttributeValue>>> numbered(
      String fullName) {
    NavigableMap<String, Map<String, AttributeValue>> versions = items.get(fullName);
    if (versions == null) {
      return Optional.empty();
    }
    NavigableMap<String, Map<String, AttributeValue>> numbered =
        versions.subMap("0", true, "1", false);
    return numbered.isEmpty() ? Optional.empty() : Optional.of(new TreeMap<>(numbered));
  }

  private void count(String method, String fullName) {
    calls.computeIfAbsent(method, m -> new AtomicInteger()).incrementAndGet();
    RuntimeException failure = fullName == null ? null : failingNames.get(fullName);
    if (failure != null) {
      throw failure;
    }
  }

  private static String text(Map<String, AttributeValue> item, String attribute) {
    AttributeValue v = item.get(attribute);
    return v == null ? null : v.s();
  }
}
