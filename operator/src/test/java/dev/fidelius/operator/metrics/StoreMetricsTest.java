package dev.fidelius.operator.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fidelius.operator.aws.AwsCallCounter;
import dev.fidelius.operator.aws.AwsErrorCounter;
import dev.fidelius.operator.backend.AwsErrors;
import dev.fidelius.operator.backend.ValueCache;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * Per-store series: failed AWS calls classified by the backends' own classification (throttling
 * apart from the rest), and readiness; both leave with a deleted store.
 */
class StoreMetricsTest {

  private static final String STORE = "FideliusStore team-a/vault";

  private final AwsErrorCounter errors =
      new AwsErrorCounter(f -> AwsErrors.kindOf(f).name().toLowerCase(Locale.ROOT));
  private final OperatorMetrics metrics =
      new OperatorMetrics(new AwsCallCounter(), new ValueCache(1 << 20));

  @Test
  void throttlingAccessDenialsAndOutagesAreCountedApartPerStoreAndService() {
    metrics.watchAwsErrors(errors);
    errors.record(STORE, "dynamodb", awsError("ProvisionedThroughputExceededException", 400));
    errors.record(STORE, "dynamodb", awsError("ThrottlingException", 400));
    errors.record(STORE, "kms", awsError("AccessDeniedException", 400));
    errors.record(STORE, "kms", SdkClientException.create("Connection refused"));

    String scrape = metrics.scrape();

    assertThat(scrape)
        .contains(series("dynamodb", "throttled") + " 2.0")
        .contains(series("kms", "access_denied") + " 1.0")
        .contains(series("kms", "unavailable") + " 1.0");
  }

  @Test
  void anErrorCodeAnEndpointInventsBecomesAKnownKindNotALabelValue() {
    metrics.watchAwsErrors(errors);
    errors.record(STORE, "secretsmanager", awsError("Tenant<script>Chosen", 418));

    assertThat(metrics.scrape())
        .contains(series("secretsmanager", "unavailable"))
        .doesNotContain("Tenant<script>Chosen");
  }

  @Test
  void aDeletedStoreLosesItsReadinessAndErrorSeries() {
    AtomicReference<Map<String, Boolean>> stores =
        new AtomicReference<>(Map.of(STORE, true, "FideliusStore team-b/other", false));
    metrics.watchStores("FideliusStore", stores::get);
    metrics.watchAwsErrors(errors);
    errors.record(STORE, "dynamodb", awsError("ThrottlingException", 400));

    assertThat(metrics.scrape())
        .contains("fidelius_store_ready{store=\"FideliusStore team-a/vault\"} 1.0")
        .contains("fidelius_store_ready{store=\"FideliusStore team-b/other\"} 0.0")
        .contains(series("dynamodb", "throttled") + " 1.0");

    stores.set(Map.of("FideliusStore team-b/other", false));
    String after = metrics.scrape();

    assertThat(after).doesNotContain(STORE).contains("FideliusStore team-b/other");
  }

  @Test
  void countsAreKeptWhileTheStoresAreNotKnownYet() {
    metrics.watchStores("FideliusStore", () -> null);
    metrics.watchAwsErrors(errors);
    errors.record(STORE, "dynamodb", awsError("ThrottlingException", 400));

    assertThat(metrics.scrape()).contains(series("dynamodb", "throttled") + " 1.0");
  }

  private static String series(String service, String kind) {
    return "fidelius_aws_errors_total{kind=\""
        + kind
        + "\",service=\""
        + service
        + "\",store=\""
        + STORE
        + "\"}";
  }

  private static AwsServiceException awsError(String code, int status) {
    return AwsServiceException.builder()
        .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).build())
        .statusCode(status)
        .build();
  }
}
