package dev.fidelius.operator.backend.secretsmanager;

import software.amazon.awssdk.services.secretsmanager.model.BatchGetSecretValueRequest;
import software.amazon.awssdk.services.secretsmanager.model.BatchGetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretRequest;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueRequest;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.ListSecretsRequest;
import software.amazon.awssdk.services.secretsmanager.model.ListSecretsResponse;

/**
 * The four Secrets Manager calls this backend makes, and nothing else: the seam unit tests fake to
 * produce failures an emulator cannot (access denied, throttling, decryption failures). Methods
 * throw the SDK's exceptions; callers turn them into outcomes.
 */
interface SecretsManagerApi {

  ListSecretsResponse listSecrets(ListSecretsRequest request);

  DescribeSecretResponse describeSecret(DescribeSecretRequest request);

  BatchGetSecretValueResponse batchGetSecretValue(BatchGetSecretValueRequest request);

  GetSecretValueResponse getSecretValue(GetSecretValueRequest request);
}
