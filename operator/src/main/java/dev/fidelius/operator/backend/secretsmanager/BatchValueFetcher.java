package dev.fidelius.operator.backend.secretsmanager;

import dev.fidelius.operator.backend.AwsErrors;
import dev.fidelius.operator.backend.BackendError;
import dev.fidelius.operator.backend.ErrorKind;
import dev.fidelius.operator.backend.Outcome;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.secretsmanager.model.APIErrorType;
import software.amazon.awssdk.services.secretsmanager.model.BatchGetSecretValueRequest;
import software.amazon.awssdk.services.secretsmanager.model.BatchGetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.SecretValueEntry;

/**
 * Reads the AWSCURRENT version of up to twenty secrets per BatchGetSecretValue call.
 *
 * <p>A secret the batch does not answer is left out of the result, for the caller to read with
 * GetSecretValue. That covers identities whose IAM policy grants GetSecretValue but not
 * BatchGetSecretValue (a common least-privilege policy): the first refusal switches batching off
 * for a while instead of paying a refused call on every read. Throttling or an outage fails the
 * remaining secrets without further calls (beyond those of the same wave, already on their way),
 * because more calls would only deepen it. Thread-safe.
 */
final class BatchValueFetcher {

  static final int MAX_IDS_PER_CALL = 20;

  /**
   * How long to read one by one after a refusal before asking again, in case the policy was fixed.
   */
  static final Duration RETRY_BATCH_AFTER = Duration.ofMinutes(30);

  /** Calls of one bulk read in flight together. */
  static final int CALLS_AT_ONCE = 4;

  /**
   * Runs the calls of bulk reads beyond each reader's own, operator-wide; threads exist only while
   * bulk reads run, and past eight busy ones a call runs on its reader's thread.
   */
  private static final ExecutorService CALLERS =
      new ThreadPoolExecutor(
          0,
          8,
          30,
          TimeUnit.SECONDS,
          new SynchronousQueue<>(),
          r -> {
            Thread t = new Thread(r, "fidelius-sm-batch");
            t.setDaemon(true);
            return t;
          },
          new ThreadPoolExecutor.CallerRunsPolicy());

  private static final Logger LOG = LoggerFactory.getLogger(BatchValueFetcher.class);

  private final SecretsManagerApi api;
  private final Clock clock;
  private volatile Instant batchRefusedUntil = Instant.MIN;

  BatchValueFetcher(SecretsManagerApi api, Clock clock) {
    this.api = api;
    this.clock = clock;
  }

  /**
   * The AWSCURRENT version of each name it could answer, or the typed error for it. More than
   * twenty names (a read-ahead's bulk read) go out {@link #CALLS_AT_ONCE} calls at a time: one
   * after another, a bulk read of a cold start's next hundred resources took about as long as the
   * syncs of those resources, which then read for themselves instead of finding it done.
   */
  Map<String, Outcome<FetchedVersion>> fetchCurrent(Collection<String> names) {
    Map<String, Outcome<FetchedVersion>> results = new HashMap<>();
    if (clock.instant().isBefore(batchRefusedUntil)) {
      return results;
    }
    List<String> distinct = List.copyOf(new LinkedHashSet<>(names));
    List<Integer> starts = new ArrayList<>();
    for (int from = 0; from < distinct.size(); from += MAX_IDS_PER_CALL) {
      starts.add(from);
    }
    for (int wave = 0; wave < starts.size(); wave += CALLS_AT_ONCE) {
      List<ChunkResult> done =
          fetchTogether(
              distinct, starts.subList(wave, Math.min(starts.size(), wave + CALLS_AT_ONCE)));
      for (ChunkResult result : done) {
        results.putAll(result.answers());
      }
      // Failures in chunk order, as if the calls had gone one after another.
      for (ChunkResult result : done) {
        if (result.failure() == null) {
          continue;
        }
        BackendError error =
            AwsErrors.classify("Secrets Manager BatchGetSecretValue", result.failure());
        if (error.kind() == ErrorKind.ACCESS_DENIED) {
          batchRefusedUntil = clock.instant().plus(RETRY_BATCH_AFTER);
          LOG.info(
              "BatchGetSecretValue refused ({}); reading secrets one by one for {}",
              error.message(),
              RETRY_BATCH_AFTER);
          return results;
        }
        boolean serviceStruggling =
            error.kind() == ErrorKind.THROTTLED || error.kind() == ErrorKind.UNAVAILABLE;
        List<String> failing =
            serviceStruggling ? distinct.subList(result.from(), distinct.size()) : result.chunk();
        for (String name : failing) {
          results.putIfAbsent(
              name,
              Outcome.failed(
                  SecretsManagerErrors.ofCall(
                      name, "Secrets Manager BatchGetSecretValue of " + name, result.failure())));
        }
        if (serviceStruggling) {
          return results;
        }
      }
    }
    return results;
  }

  /** What one call of a chunk answered, or how it failed. */
  private record ChunkResult(
      List<String> chunk,
      int from,
      Map<String, Outcome<FetchedVersion>> answers,
      RuntimeException failure) {}

  /**
   * The calls of the chunks starting at {@code starts} at once: the first on this thread, the
   * others on {@link #CALLERS} (or on this thread too, after the first, when it is busy).
   */
  private List<ChunkResult> fetchTogether(List<String> distinct, List<Integer> starts) {
    List<CompletableFuture<ChunkResult>> others = new ArrayList<>();
    for (int from : starts.subList(1, starts.size())) {
      others.add(CompletableFuture.supplyAsync(() -> fetchOne(distinct, from), CALLERS));
    }
    List<ChunkResult> results = new ArrayList<>();
    results.add(fetchOne(distinct, starts.get(0)));
    for (CompletableFuture<ChunkResult> other : others) {
      results.add(other.join());
    }
    return results;
  }

  private ChunkResult fetchOne(List<String> distinct, int from) {
    List<String> chunk = distinct.subList(from, Math.min(distinct.size(), from + MAX_IDS_PER_CALL));
    Map<String, Outcome<FetchedVersion>> answers = new HashMap<>();
    try {
      fetchChunk(chunk, answers);
      return new ChunkResult(chunk, from, answers, null);
    } catch (RuntimeException e) {
      return new ChunkResult(chunk, from, answers, e);
    }
  }

  private void fetchChunk(List<String> chunk, Map<String, Outcome<FetchedVersion>> results) {
    String nextToken = null;
    // The service pages large answers; a chunk never needs more pages than it has secrets.
    for (int page = 0; page <= chunk.size(); page++) {
      BatchGetSecretValueResponse response =
          api.batchGetSecretValue(
              BatchGetSecretValueRequest.builder()
                  .secretIdList(chunk)
                  .nextToken(nextToken)
                  .build());
      for (SecretValueEntry entry : response.secretValues()) {
        if (chunk.contains(entry.name())) {
          results.put(entry.name(), FetchedVersion.of(entry));
        }
      }
      for (APIErrorType error : response.errors()) {
        if (chunk.contains(error.secretId())) {
          results.put(
              error.secretId(),
              Outcome.failed(SecretsManagerErrors.ofBatchEntry(error.secretId(), error)));
        }
      }
      nextToken = response.nextToken();
      if (nextToken == null || nextToken.isEmpty()) {
        return;
      }
    }
  }
}
