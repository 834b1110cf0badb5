package dev.fidelius.operator.backend.secretsmanager;

import dev.fidelius.operator.backend.AwsErrors;
import dev.fidelius.operator.backend.BackendError;
import dev.fidelius.operator.backend.ErrorKind;
import dev.fidelius.operator.backend.Outcome;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
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
 * remaining secrets without further calls, because more calls would only deepen it. Thread-safe.
 */
final class BatchValueFetcher {

  static final int MAX_IDS_PER_CALL = 20;

  /**
   * How long to read one by one after a refusal before asking again, in case the policy was fixed.
   */
  static final Duration RETRY_BATCH_AFTER = Duration.ofMinutes(30);

  private static final Logger LOG = LoggerFactory.getLogger(BatchValueFetcher.class);

  private final SecretsManagerApi api;
  private final Clock clock;
  private volatile Instant batchRefusedUntil = Instant.MIN;

  BatchValueFetcher(SecretsManagerApi api, Clock clock) {
    this.api = api;
    this.clock = clock;
  }

  /** The AWSCURRENT version of each name it could answer, or the typed error for it. */
  Map<String, Outcome<FetchedVersion>> fetchCurrent(Collection<String> names) {
    Map<String, Outcome<FetchedVersion>> results = new HashMap<>();
    if (clock.instant().isBefore(batchRefusedUntil)) {
      return results;
    }
    List<String> distinct = List.copyOf(new LinkedHashSet<>(names));
    for (int from = 0; from < distinct.size(); from += MAX_IDS_PER_CALL) {
      List<String> chunk =
          distinct.subList(from, Math.min(distinct.size(), from + MAX_IDS_PER_CALL));
      try {
        fetchChunk(chunk, results);
      } catch (RuntimeException e) {
        BackendError error = AwsErrors.classify("Secrets Manager BatchGetSecretValue", e);
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
        List<String> failing = serviceStruggling ? distinct.subList(from, distinct.size()) : chunk;
        for (String name : failing) {
          results.putIfAbsent(
              name,
              Outcome.failed(
                  SecretsManagerErrors.ofCall(
                      name, "Secrets Manager BatchGetSecretValue of " + name, e)));
        }
        if (serviceStruggling) {
          return results;
        }
      }
    }
    return results;
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
