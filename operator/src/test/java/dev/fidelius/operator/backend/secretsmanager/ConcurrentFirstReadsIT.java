package dev.fidelius.operator.backend.secretsmanager;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fidelius.operator.aws.AwsCallCounter.Call;
import dev.fidelius.operator.backend.SecretId;
import dev.fidelius.operator.backend.SecretRequest;
import dev.fidelius.operator.backend.SecretScope;
import dev.fidelius.operator.backend.ValueCache;
import dev.fidelius.operator.testsupport.AwsTestClients;
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
 * A cold start as the backend sees it, on moto's Secrets Manager: N resources of k secrets each,
 * first read by 10 threads at once (the reconcile threads), one resource after another. Their reads
 * share BatchGetSecretValue calls: at most N×k/20 + N×k/100 + 10 calls in all (the bound).
 */
@ExtendWith(TestServers.class)
class ConcurrentFirstReadsIT {

  private static final int RESOURCES = 100;
  private static final int KEYS = 2;
  private static final int THREADS = 10;

  @Test
  void firstReadsOfResourcesStartingTogetherShareBatchCalls(MotoServer moto) throws Exception {
    try (AwsTestClients writer = new AwsTestClients();
        AwsTestClients reader = new AwsTestClients()) {
      MotoSecrets secrets = new MotoSecrets(writer.secretsManager(moto.endpoint()));
      SecretScope scope =
          new SecretScope("Cold" + UUID.randomUUID().toString().substring(0, 8), null, "prod");
      List<List<SecretRequest>> resources = new ArrayList<>();
      for (int r = 0; r < RESOURCES; r++) {
        List<SecretRequest> reads = new ArrayList<>();
        for (int k = 0; k < KEYS; k++) {
          SecretId id = new SecretId(scope, "r" + r + "_k" + k);
          secrets.put(MotoSecrets.fullName(id), "v-" + r + "-" + k);
          reads.add(SecretRequest.latest(id));
        }
        resources.add(reads);
      }
      SecretsManagerBackend backend =
          SecretsManagerBackend.create(
              SecretsManagerStoreConfig.of(MotoServer.REGION, "cold-start-it"),
              reader.secretsManager(moto.endpoint()),
              new ValueCache(32 << 20));

      List<Boolean> allRead = readConcurrently(backend, resources);

      assertThat(allRead).hasSize(RESOURCES).containsOnly(true);
      Map<Call, Long> calls = reader.counter().snapshot();
      long total = calls.values().stream().mapToLong(Long::longValue).sum();
      int keys = RESOURCES * KEYS;
      System.out.printf(
          "cold start of %d resources x %d keys on %d threads: %s%n",
          RESOURCES, KEYS, THREADS, calls);
      assertThat(total)
          .as("calls %s for %d keys", calls, keys)
          .isLessThanOrEqualTo(keys / 20 + keys / 100 + 10);
    }
  }

  private static List<Boolean> readConcurrently(
      SecretsManagerBackend backend, List<List<SecretRequest>> resources) throws Exception {
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      List<Future<Boolean>> done = new ArrayList<>();
      for (List<SecretRequest> reads : resources) {
        done.add(
            pool.submit(
                () -> {
                  start.await();
                  return backend.read(reads).values().stream().allMatch(o -> o.isOk());
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
