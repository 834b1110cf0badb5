package dev.fidelius.operator.backend.secretsmanager;

import static dev.fidelius.operator.backend.secretsmanager.FakeSecretsManagerApi.awsError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fidelius.operator.backend.ErrorKind;
import dev.fidelius.operator.backend.Outcome;
import dev.fidelius.operator.backend.SecretId;
import dev.fidelius.operator.backend.SecretRequest;
import dev.fidelius.operator.backend.SecretScope;
import dev.fidelius.operator.backend.SecretValue;
import dev.fidelius.operator.backend.ValueCache;
import dev.fidelius.operator.backend.VersionSelector;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.model.APIErrorType;
import software.amazon.awssdk.services.secretsmanager.model.BatchGetSecretValueRequest;
import software.amazon.awssdk.services.secretsmanager.model.BatchGetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueRequest;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.ListSecretsRequest;
import software.amazon.awssdk.services.secretsmanager.model.SecretValueEntry;

/**
 * What the backend does when AWS refuses, throttles or half-answers, none of which moto does: the
 * calls it makes, and that every secret still gets a typed outcome.
 */
class SecretsManagerBackendTest {

  private static final SecretScope ORDERS = new SecretScope("orders", null, "dev");

  private final FakeSecretsManagerApi api = new FakeSecretsManagerApi();
  private final MovableClock clock = new MovableClock();
  private final SecretsManagerBackend backend =
      new SecretsManagerBackend(
          SecretsManagerStoreConfig.of(Region.US_EAST_1, "unit"),
          api,
          new ValueCache(1 << 20),
          clock);

  @Test
  void aRefusedBatchFallsBackToSingleReadsAndIsNotAskedAgainForAWhile() {
    api.onBatchGetSecretValue =
        request -> {
          throw awsError("AccessDeniedException", 400);
        };
    api.onGetSecretValue = FakeAnswers::currentValue;
    List<SecretRequest> latest = latest(3);

    assertThat(backend.read(latest).values()).allSatisfy(read -> assertThat(read.isOk()).isTrue());
    assertThat(api.count(BatchGetSecretValueRequest.class)).isEqualTo(1);
    assertThat(api.count(GetSecretValueRequest.class)).isEqualTo(3);

    backend.read(latest);
    assertThat(api.count(BatchGetSecretValueRequest.class))
        .as("refused batch not retried yet")
        .isEqualTo(1);
    assertThat(api.count(GetSecretValueRequest.class)).isEqualTo(6);

    clock.advance(BatchValueFetcher.RETRY_BATCH_AFTER.plusSeconds(1));
    api.onBatchGetSecretValue = FakeAnswers::currentValues;
    Map<SecretRequest, Outcome<SecretValue>> afterFix = backend.read(latest);
    assertThat(afterFix.values()).allSatisfy(read -> assertThat(read.isOk()).isTrue());
    assertThat(api.count(BatchGetSecretValueRequest.class)).isEqualTo(2);
    assertThat(api.count(GetSecretValueRequest.class)).isEqualTo(6);
  }

  @Test
  void throttlingFailsEverySecretWithoutFurtherCalls() {
    api.onBatchGetSecretValue =
        request -> {
          throw awsError("ThrottlingException", 400);
        };

    Map<SecretRequest, Outcome<SecretValue>> reads = backend.read(latest(200));

    assertThat(reads).hasSize(200);
    assertThat(reads.values())
        .allSatisfy(read -> assertThat(read.error().kind()).isEqualTo(ErrorKind.THROTTLED));
    assertThat(reads.get(latest(200).get(199)).error().message()).contains("ORDERS.dev.s199");
    assertThat(api.calls)
        .as("the refused calls that went out together, none after them, none per secret")
        .hasSize(BatchValueFetcher.CALLS_AT_ONCE);
  }

  @Test
  void aBulkReadSendsItsCallsTogether() throws InterruptedException {
    CountDownLatch together = new CountDownLatch(BatchValueFetcher.CALLS_AT_ONCE);
    AtomicBoolean oneByOne = new AtomicBoolean();
    api.onBatchGetSecretValue =
        request -> {
          together.countDown();
          try {
            if (!together.await(10, TimeUnit.SECONDS)) {
              oneByOne.set(true);
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return BatchGetSecretValueResponse.builder()
              .secretValues(request.secretIdList().stream().map(FakeAnswers::entry).toList())
              .build();
        };

    Map<SecretRequest, Outcome<SecretValue>> reads =
        backend.read(latest(BatchValueFetcher.CALLS_AT_ONCE * 20));

    assertThat(oneByOne).as("a call waited alone for the others").isFalse();
    assertThat(reads.values()).allSatisfy(read -> assertThat(read.isOk()).isTrue());
    assertThat(reads.get(latest(80).get(79)).value().resolvedName()).isEqualTo("ORDERS.dev.s79");
    assertThat(api.count(BatchGetSecretValueRequest.class))
        .isEqualTo(BatchValueFetcher.CALLS_AT_ONCE);
  }

  @Test
  void perSecretBatchErrorsBecomeTypedOutcomesWithoutRetryingEachSecret() {
    api.onBatchGetSecretValue =
        request ->
            BatchGetSecretValueResponse.builder()
                .secretValues(FakeAnswers.entry("ORDERS.dev.s0"))
                .errors(
                    APIErrorType.builder()
                        .secretId("ORDERS.dev.s1")
                        .errorCode("DecryptionFailure")
                        .message(
                            "Secrets Manager can't decrypt the protected secret text using the provided KMS key.")
                        .build(),
                    APIErrorType.builder()
                        .secretId("ORDERS.dev.s2")
                        .errorCode("AccessDeniedException")
                        .message("not authorized to perform: secretsmanager:GetSecretValue")
                        .build())
                .build();

    Map<SecretRequest, Outcome<SecretValue>> reads = backend.read(latest(3));

    assertThat(reads.get(latest(3).get(0)).value().text()).contains("value of ORDERS.dev.s0");
    assertThat(reads.get(latest(3).get(1)).error().kind()).isEqualTo(ErrorKind.DECRYPT_FAILED);
    assertThat(reads.get(latest(3).get(2)).error().kind()).isEqualTo(ErrorKind.ACCESS_DENIED);
    assertThat(api.calls).hasSize(1);
  }

  @Test
  void aSecretTheBatchLeavesUnansweredIsReadOnItsOwn() {
    api.onBatchGetSecretValue =
        request ->
            BatchGetSecretValueResponse.builder()
                .secretValues(FakeAnswers.entry("ORDERS.dev.s0"))
                .build();
    api.onGetSecretValue = FakeAnswers::currentValue;

    Map<SecretRequest, Outcome<SecretValue>> reads = backend.read(latest(2));

    assertThat(reads.get(latest(2).get(1)).value().text()).contains("value of ORDERS.dev.s1");
    assertThat(api.calls)
        .extracting(call -> call.getClass().getSimpleName())
        .containsExactly("BatchGetSecretValueRequest", "GetSecretValueRequest");
  }

  @Test
  void aRefusedListingIsAccessDeniedForEverySecretAndNeverThrows() {
    api.onListSecrets =
        request -> {
          throw awsError("AccessDeniedException", 400);
        };
    List<SecretId> ids =
        IntStream.range(0, 5).mapToObj(i -> new SecretId(ORDERS, "s" + i)).toList();

    Map<SecretId, Outcome<String>> versions = backend.currentVersions(ids);

    assertThat(versions).containsOnlyKeys(ids);
    assertThat(versions.values())
        .allSatisfy(
            v -> {
              assertThat(v.error().kind()).isEqualTo(ErrorKind.ACCESS_DENIED);
              assertThat(v.error().message()).contains("ListSecrets", "ORDERS.dev.");
            });
    assertThat(api.count(ListSecretsRequest.class)).isEqualTo(1);
  }

  @Test
  void anUnexpectedFailureInsideTheSdkBecomesAnOutcome() {
    api.onBatchGetSecretValue =
        request -> {
          throw new IllegalStateException("connection pool shut down");
        };

    Outcome<SecretValue> read = backend.read(latest(1)).get(latest(1).get(0));

    assertThat(read.error().kind()).isEqualTo(ErrorKind.UNAVAILABLE);
    assertThat(read.error().message()).contains("ORDERS.dev.s0");
  }

  @Test
  void prefetchedVersionsShareBatchesAndLaterReadsOfThemCostNothing() {
    api.onBatchGetSecretValue = FakeAnswers::currentValues;
    List<SecretRequest> rotated =
        IntStream.range(0, 25)
            .mapToObj(
                i ->
                    new SecretRequest(
                        new SecretId(ORDERS, "s" + i),
                        VersionSelector.exact(FakeAnswers.version("ORDERS.dev.s" + i))))
            .toList();

    backend.prefetch(rotated);
    assertThat(api.count(BatchGetSecretValueRequest.class)).as("twenty per call").isEqualTo(2);

    for (SecretRequest reconcile : rotated) {
      assertThat(backend.read(List.of(reconcile)).get(reconcile).value().text())
          .hasValue("value of " + naming(reconcile));
    }
    assertThat(api.calls).as("each reconcile finds its version in the cache").hasSize(2);
  }

  private static String naming(SecretRequest request) {
    return "ORDERS.dev." + request.id().name();
  }

  private static List<SecretRequest> latest(int count) {
    return IntStream.range(0, count)
        .mapToObj(i -> SecretRequest.latest(new SecretId(ORDERS, "s" + i)))
        .toList();
  }

  /** Answers as Secrets Manager would for secrets whose only version holds "value of NAME". */
  private static final class FakeAnswers {

    static GetSecretValueResponse currentValue(GetSecretValueRequest request) {
      return GetSecretValueResponse.builder()
          .arn(arn(request.secretId()))
          .name(request.secretId())
          .versionId(version(request.secretId()))
          .versionStages("AWSCURRENT")
          .secretString("value of " + request.secretId())
          .build();
    }

    static BatchGetSecretValueResponse currentValues(BatchGetSecretValueRequest request) {
      return BatchGetSecretValueResponse.builder()
          .secretValues(request.secretIdList().stream().map(FakeAnswers::entry).toList())
          .build();
    }

    static SecretValueEntry entry(String name) {
      return SecretValueEntry.builder()
          .arn(arn(name))
          .name(name)
          .versionId(version(name))
          .versionStages("AWSCURRENT")
          .secretString("value of " + name)
          .build();
    }

    private static String arn(String name) {
      return "arn:aws:secretsmanager:us-east-1:123456789012:secret:" + name + "-AbCdEf";
    }

    private static String version(String name) {
      return "v-" + name;
    }
  }

  /** A clock tests move forward by hand. */
  private static final class MovableClock extends Clock {
    private Instant now = Instant.parse("2025-01-01T00:00:00Z");

    void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
