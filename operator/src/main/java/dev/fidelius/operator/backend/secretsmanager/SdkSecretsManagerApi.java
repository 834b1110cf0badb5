package dev.fidelius.operator.backend.secretsmanager;

import java.util.Objects;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.BatchGetSecretValueRequest;
import software.amazon.awssdk.services.secretsmanager.model.BatchGetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretRequest;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueRequest;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.ListSecretsRequest;
import software.amazon.awssdk.services.secretsmanager.model.ListSecretsResponse;

/**
 * {@link SecretsManagerApi} on the AWS SDK client (which brings retries, timeouts and the call
 * counter).
 */
final class SdkSecretsManagerApi implements SecretsManagerApi {

  private final SecretsManagerClient client;

  SdkSecretsManagerApi(SecretsManagerClient client) {
    this.client = Objects.requireNonNull(client, "client");
  }

  @Override
  public ListSecretsResponse listSecrets(ListSecretsRequest request) {
    return client.listSecrets(request);
  }

  @Override
  public DescribeSecretResponse describeSecret(DescribeSecretRequest request) {
    return client.describeSecret(request);
  }

  @Override
  public BatchGetSecretValueResponse batchGetSecretValue(BatchGetSecretValueRequest request) {
    return client.batchGetSecretValue(request);
  }

  @Override
  public GetSecretValueResponse getSecretValue(GetSecretValueRequest request) {
    return client.getSecretValue(request);
  }
}
