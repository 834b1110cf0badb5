package dev.fidelius.operator.backend.secretsmanager;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.services.secretsmanager.model.BatchGetSecretValueRequest;
import software.amazon.awssdk.services.secretsmanager.model.BatchGetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretRequest;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueRequest;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.ListSecretsRequest;
import software.amazon.awssdk.services.secretsmanager.model.ListSecretsResponse;
import software.amazon.awssdk.services.secretsmanager.model.SecretsManagerException;

/**
 * A scripted {@link SecretsManagerApi}: each test says how each call answers, and reads back the
 * calls made. For the failures moto cannot produce; everything moto can do is tested against moto.
 */
final class FakeSecretsManagerApi implements SecretsManagerApi {

  // A bulk read calls from several threads at once.
  final List<SdkRequest> calls = Collections.synchronizedList(new ArrayList<>());
  Function<ListSecretsRequest, ListSecretsResponse> onListSecrets = unexpected();
  Function<DescribeSecretRequest, DescribeSecretResponse> onDescribeSecret = unexpected();
  Function<BatchGetSecretValueRequest, BatchGetSecretValueResponse> onBatchGetSecretValue =
      unexpected();
  Function<GetSecretValueRequest, GetSecretValueResponse> onGetSecretValue = unexpected();

  /** An error as the SDK raises it from an AWS error answer. */
  static SecretsManagerException awsError(String code, int status) {
    return (SecretsManagerException)
        SecretsManagerException.builder()
            .awsErrorDetails(
                AwsErrorDetails.builder()
                    .errorCode(code)
                    .errorMessage(code + " from the fake")
                    .build())
            .statusCode(status)
            .requestId("0f0e0d0c-0b0a-0908-0706-050403020100")
            .build();
  }

  long count(Class<? extends SdkRequest> type) {
    synchronized (calls) {
      return calls.stream().filter(type::isInstance).count();
    }
  }

  @Override
  public ListSecretsResponse listSecrets(ListSecretsRequest request) {
    calls.add(request);
    return onListSecrets.apply(request);
  }

  @Override
  public DescribeSecretResponse describeSecret(DescribeSecretRequest request) {
    calls.add(request);
    return onDescribeSecret.apply(request);
  }

  @Override
  public BatchGetSecretValueResponse batchGetSecretValue(BatchGetSecretValueRequest request) {
    calls.add(request);
    return onBatchGetSecretValue.apply(request);
  }

  @Override
  public GetSecretValueResponse getSecretValue(GetSecretValueRequest request) {
    calls.add(request);
    return onGetSecretValue.apply(request);
  }

  private static <Q, R> Function<Q, R> unexpected() {
    return request -> {
      throw new AssertionError("unexpected call " + request);
    };
  }
}
