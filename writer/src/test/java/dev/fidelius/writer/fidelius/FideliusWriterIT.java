package dev.fidelius.writer.fidelius;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fidelius.operator.aws.AwsCallCounter;
import dev.fidelius.operator.backend.ErrorKind;
import dev.fidelius.operator.backend.Outcome;
import dev.fidelius.operator.backend.SecretId;
import dev.fidelius.operator.backend.SecretRequest;
import dev.fidelius.operator.backend.SecretScope;
import dev.fidelius.operator.backend.SecretValue;
import dev.fidelius.operator.backend.VersionSelector;
import dev.fidelius.operator.backend.fidelius.FideliusReader;
import dev.fidelius.operator.backend.fidelius.FideliusTestStore;
import dev.fidelius.operator.testsupport.MotoServer;
import dev.fidelius.operator.testsupport.TestServers;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/** Writing at scale: long histories over several DynamoDB pages, racing writers, hard deletes. */
@ExtendWith(TestServers.class)
class FideliusWriterIT {

  private static FideliusTestStore store;
  private static FideliusReader reader;

  @BeforeAll
  static void startStore(MotoServer moto) {
    store = FideliusTestStore.create(moto, "writer");
    reader = store.reader();
  }

  @AfterAll
  static void stopStore() {
    store.close();
  }

  @Test
  void aHistoryLargerThanOneDynamoDbPageIsReadCompletely() {
    SecretId id = new SecretId(SecretScope.of(freshApp(), "dev"), "certificate");
    List<String> values = new ArrayList<>();
    SecureRandom random = new SecureRandom();
    for (int i = 0; i < 40; i++) {
      byte[] noise = new byte[22 * 1024];
      random.nextBytes(noise);
      String value = i + ":" + Base64.getEncoder().encodeToString(noise); // ~30 KB, ~40 KB stored
      values.add(value);
      assertThat(FideliusWriters.write(store, id, value)).isEqualTo(String.valueOf(i + 1));
    }

    var before = store.counter().snapshot();
    List<VersionHistoryEntry> history = FideliusWriters.on(store).history(id).value();
    long historyQueries =
        store.counter().since(before).values().stream().mapToLong(Long::longValue).sum();

    assertThat(history).hasSize(40);
    assertThat(history)
        .extracting(VersionHistoryEntry::version)
        .containsExactlyElementsOf(
            IntStream.rangeClosed(1, 40).map(i -> 41 - i).mapToObj(String::valueOf).toList());
    assertThat(history)
        .allSatisfy(
            entry -> {
              assertThat(entry.updatedBy()).isEqualTo("FideliusOps/integration-test");
              assertThat(entry.updatedOn()).isNotNull();
            });
    assertThat(historyQueries).as("Query pages for 1.6 MB of versions").isGreaterThanOrEqualTo(2);
    assertThat(read(SecretRequest.latest(id)).value().text()).contains(values.get(39));
    assertThat(read(new SecretRequest(id, VersionSelector.exact("7"))).value().text())
        .contains(values.get(6));
    assertThat(FideliusWriters.write(store, id, "41st"))
        .as("the next version after a long history")
        .isEqualTo("41");
  }

  @Test
  void racingWritersGetDistinctVersionsAndLoseNothing() throws Exception {
    SecretId id = new SecretId(new SecretScope(freshApp(), "api", "prod"), "token");
    int perWriter = 15;
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    DynamoDbClient onePutAtATime = new OnePutAtATime(store.dynamo());
    try {
      List<Future<Map<String, String>>> writers = new ArrayList<>();
      for (String writerName : List.of("alpha", "beta")) {
        FideliusWriter writer =
            new FideliusWriter(onePutAtATime, store.kms(), store.config(), "it-" + writerName);
        Callable<Map<String, String>> writes =
            () -> {
              start.await();
              Map<String, String> valueByVersion = new HashMap<>();
              for (int i = 0; i < perWriter; i++) {
                String value = writerName + "-" + i;
                Outcome<String> version = writer.put(id, value);
                assertThat(version.isOk()).as("%s", version).isTrue();
                valueByVersion.put(version.value(), value);
              }
              return valueByVersion;
            };
        writers.add(pool.submit(writes));
      }
      start.countDown();
      Map<String, String> alpha = writers.get(0).get();
      Map<String, String> beta = writers.get(1).get();

      assertThat(alpha.keySet()).doesNotContainAnyElementsOf(beta.keySet());
      Map<String, String> all = new HashMap<>(alpha);
      all.putAll(beta);
      assertThat(all.keySet())
          .containsExactlyInAnyOrderElementsOf(
              IntStream.rangeClosed(1, 2 * perWriter)
                  .mapToObj(String::valueOf)
                  .collect(Collectors.toSet()));
      all.forEach(
          (version, value) ->
              assertThat(read(new SecretRequest(id, VersionSelector.exact(version))).value().text())
                  .as("version %s", version)
                  .contains(value));
      assertThat(FideliusWriters.on(store).history(id).value()).hasSize(2 * perWriter);
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * The store's client with one PutItem in flight at a time. moto checks a put's condition and then
   * writes, without a lock, so two racing conditional puts of one key can both succeed there;
   * DynamoDB does both atomically. Reading the newest version and claiming the next still race
   * freely between the writers: that race is what they must survive.
   */
  private static final class OnePutAtATime implements DynamoDbClient {
    private final DynamoDbClient delegate;

    OnePutAtATime(DynamoDbClient delegate) {
      this.delegate = delegate;
    }

    @Override
    public synchronized PutItemResponse putItem(PutItemRequest request) {
      return delegate.putItem(request);
    }

    @Override
    public QueryResponse query(QueryRequest request) {
      return delegate.query(request);
    }

    @Override
    public String serviceName() {
      return delegate.serviceName();
    }

    @Override
    public void close() {
      // the store closes its client
    }
  }

  @Test
  void deletingRemovesEveryVersionInBatchesOfTwentyFive() {
    SecretId id = new SecretId(SecretScope.of(freshApp(), "dev"), "temporary");
    SecretId neighbour = new SecretId(id.scope(), "temporary2");
    for (int i = 0; i < 30; i++) {
      FideliusWriters.write(store, id, "v" + i);
    }
    FideliusWriters.write(store, neighbour, "stays");

    var before = store.counter().snapshot();
    Outcome<Integer> deleted = FideliusWriters.on(store).delete(id);
    var calls = store.counter().since(before);

    assertThat(deleted).isEqualTo(Outcome.ok(30));
    assertThat(calls.get(new AwsCallCounter.Call("dynamodb", "BatchWriteItem"))).isEqualTo(2);
    assertThat(read(SecretRequest.latest(id)).error().kind()).isEqualTo(ErrorKind.NOT_FOUND);
    assertThat(FideliusWriters.on(store).history(id).error().kind()).isEqualTo(ErrorKind.NOT_FOUND);
    assertThat(read(SecretRequest.latest(neighbour)).value().text()).contains("stays");
    assertThat(FideliusWriters.on(store).delete(id)).isEqualTo(Outcome.ok(0));
    assertThat(FideliusWriters.write(store, id, "reborn"))
        .as("a deleted name starts over, as in Fidelius")
        .isEqualTo("1");
    assertThat(read(SecretRequest.latest(id)).value().text()).contains("reborn");
  }

  @Test
  void writingANewNameClaimsVersionOneWithoutAQueryAndAnExistingNameGetsItsNextVersion() {
    SecretId id = new SecretId(SecretScope.of(freshApp(), "dev"), "seeded");
    FideliusWriter writer = FideliusWriters.on(store);

    var before = store.counter().snapshot();
    Outcome<String> first = writer.putNew(id, "first value");
    var calls = store.counter().since(before);

    assertThat(first).isEqualTo(Outcome.ok("1"));
    assertThat(calls.get(new AwsCallCounter.Call("dynamodb", "PutItem"))).isEqualTo(1);
    assertThat(calls).doesNotContainKey(new AwsCallCounter.Call("dynamodb", "Query"));
    assertThat(read(SecretRequest.latest(id)).value().text()).contains("first value");

    assertThat(writer.putNew(id, "second value"))
        .as("the name exists: the guess of version 1 fails and the next version is written")
        .isEqualTo(Outcome.ok("2"));
    assertThat(read(SecretRequest.latest(id)).value().text()).contains("second value");
    assertThat(read(new SecretRequest(id, VersionSelector.exact("1"))).value().text())
        .as("the first version is not overwritten")
        .contains("first value");
  }

  private static Outcome<SecretValue> read(SecretRequest request) {
    return reader.read(List.of(request)).get(request);
  }

  private static String freshApp() {
    return "wr" + UUID.randomUUID().toString().substring(0, 8);
  }
}
