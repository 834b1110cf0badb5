package dev.fidelius.operator.testsupport;

import dev.fidelius.operator.aws.AwsCallCounter;
import dev.fidelius.operator.aws.AwsClientFactory;
import java.net.URI;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * AWS SDK clients pointed at the emulators, built by the operator's own {@link AwsClientFactory} so
 * tests exercise the same client configuration (retries, timeouts, call counting) as production.
 */
public final class AwsTestClients implements AutoCloseable {

  private final AwsClientFactory factory;
  private final AwsCallCounter counter = new AwsCallCounter();

  public AwsTestClients() {
    this.factory = new AwsClientFactory(counter);
  }

  public AwsCallCounter counter() {
    return counter;
  }

  public AwsClientFactory factory() {
    return factory;
  }

  public KmsClient kms(URI endpoint) {
    return factory.kms(MotoServer.REGION, MotoServer.CREDENTIALS, Optional.of(endpoint));
  }

  public SecretsManagerClient secretsManager(URI endpoint) {
    return secretsManager(endpoint, MotoServer.CREDENTIALS);
  }

  public SecretsManagerClient secretsManager(URI endpoint, AwsCredentialsProvider credentials) {
    return factory.secretsManager(MotoServer.REGION, credentials, Optional.of(endpoint));
  }

  public StsClient sts(URI endpoint) {
    return factory.sts(MotoServer.REGION, MotoServer.CREDENTIALS, Optional.of(endpoint));
  }

  public DynamoDbClient dynamoDb(URI endpoint) {
    return factory.dynamoDb(MotoServer.REGION, MotoServer.CREDENTIALS, Optional.of(endpoint));
  }

  @Override
  public void close() {
    factory.close();
  }
}
