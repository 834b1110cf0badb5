package dev.fidelius.operator.backend.fidelius;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fidelius.operator.aws.AwsCallCounter.Call;
import dev.fidelius.operator.backend.Outcome;
import dev.fidelius.operator.backend.SecretId;
import dev.fidelius.operator.backend.SecretRequest;
import dev.fidelius.operator.backend.SecretScope;
import dev.fidelius.operator.testsupport.MotoServer;
import dev.fidelius.operator.testsupport.TestServers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A cold start as the Fidelius backend sees it, on moto's DynamoDB and KMS: N resources of k
 * secrets each, first read by 10 threads at once (the reconcile threads). Instead of one Query per
 * key, the burst is answered from one projection scan, the items come in shared BatchGetItem calls,
 * and KMS decrypts each version once.
 */
@ExtendWith(TestServers.class)
class FideliusConcurrentFirstReadsIT {

  private static final int RESOURCES = 100;
  private static final int KEYS = 2;
  private static final int THREADS = 10;

  @Test
  void firstReadsOfResourcesStartingTogetherShareAScanAndBatchCalls(MotoServer moto)
      throws Exception {
    try (FideliusTestStore store = FideliusTestStore.create(moto, "coldstart")) {
      SecretScope scope =
          SecretScope.of("cold" + UUID.randomUUID().toString().substring(0, 8), "prod");
      List<List<SecretRequest>> resources = new ArrayList<>();
      for (int r = 0; r < RESOURCES; r++) {
        List<SecretRequest> reads = new ArrayList<>();
        for (int k = 0; k < KEYS; k++) {
          SecretId id = new SecretId(scope, "r" + r + "_k" + k);
          store.write(id, "v-" + r + "-" + k);
          reads.add(SecretRequest.latest(id));
        }
        resources.add(reads);
      }
      FideliusReader reader = store.reader();
      var before = store.counter().snapshot();

      List<Boolean> allRead = readConcurrently(reader, resources);

      Map<Call, Long> calls = store.counter().since(before);
      int keys = RESOURCES * KEYS;
      long dynamo = sum(calls, "dynamodb");
      System.out.printf(
          "Fidelius cold start of %d resources x %d keys on %d threads: %s%n",
          RESOURCES, KEYS, THREADS, calls);
      assertThat(allRead).hasSize(RESOURCES).containsOnly(true);
      assertThat(calls.getOrDefault(new Call("kms", "Decrypt"), 0L))
          .as("one Decrypt per distinct version")
          .isEqualTo(keys);
      assertThat(calls.getOrDefault(new Call("dynamodb", "Query"), 0L))
          .as("Queries only until the burst is seen (one per thread at most)")
          .isLessThanOrEqualTo(THREADS * KEYS);
      assertThat(calls.getOrDefault(new Call("dynamodb", "Scan"), 0L))
          .as("one scan of the table (a page here) for the burst")
          .isBetween(1L, 2L);
      assertThat(dynamo)
          .as("DynamoDB calls: at most half the one Query per key of before")
          .isLessThanOrEqualTo(keys / 2);
      System.out.printf("DynamoDB calls in all: %d (one Query per key before: %d)%n", dynamo, keys);
    }
  }

  private static long sum(Map<Call, Long> calls, String service) {
    return calls.entrySet().stream()
        .filter(e -> e.getKey().service().equals(service))
        .mapToLong(Map.Entry::getValue)
        .sum();
  }

  private static List<Boolean> readConcurrently(
      FideliusReader reader, List<List<SecretRequest>> resources) throws Exception {
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      List<Future<Boolean>> done = new ArrayList<>();
      for (List<SecretRequest> reads : resources) {
        done.add(
            pool.submit(
                () -> {
                  start.await();
                  return reader.read(reads).values().stream().allMatch(Outcome::isOk);
                }));
      }
      start.countDown();
      List<Boolean> results = new ArrayList<>();
      for (Future<Boolean> f : done) {
        results.add(f.get());
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }
}
