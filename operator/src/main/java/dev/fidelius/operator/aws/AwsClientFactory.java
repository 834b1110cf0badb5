package dev.fidelius.operator.aws;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * Builds AWS SDK clients the same way everywhere: one shared HTTP connection pool, the standard
 * retry mode (exponential backoff with jitter, throttling-aware), bounded timeouts, and the call
 * counter installed. Clients are thread-safe and meant to be cached per (identity, region,
 * endpoints) by the caller.
 */
public final class AwsClientFactory implements AutoCloseable {

  private final SdkHttpClient httpClient;

  /**
   * Long polls hold a connection silent for 20 s: their own small pool with a longer socket
   * timeout.
   */
  private final SdkHttpClient longPollHttpClient;

  private final AwsCallCounter counter;
  private final Duration apiCallTimeout;
  private final int maxAttempts;

  /** Counts failures per store; null: failures are not counted. */
  private final AwsErrorCounter errors;

  /** The failure counter of the store this view builds clients for; null in the root factory. */
  private final ExecutionInterceptor storeErrors;

  /** The root factory owns the HTTP pools; a store's view shares them and must not close them. */
  private final boolean ownsPools;

  public AwsClientFactory(AwsCallCounter counter) {
    this(counter, Duration.ofSeconds(30), 4);
  }

  /** Also counts each store's failed calls in {@code errors} (see {@link #forStore}). */
  public AwsClientFactory(AwsCallCounter counter, AwsErrorCounter errors) {
    this(counter, Duration.ofSeconds(30), 4, errors);
  }

  public AwsClientFactory(AwsCallCounter counter, Duration apiCallTimeout, int maxAttempts) {
    this(counter, apiCallTimeout, maxAttempts, null);
  }

  private AwsClientFactory(
      AwsCallCounter counter, Duration apiCallTimeout, int maxAttempts, AwsErrorCounter errors) {
    this.counter = counter;
    this.apiCallTimeout = apiCallTimeout;
    this.maxAttempts = maxAttempts;
    this.errors = errors;
    this.storeErrors = null;
    this.ownsPools = true;
    this.httpClient =
        ApacheHttpClient.builder()
            .maxConnections(64)
            .connectionTimeout(Duration.ofSeconds(5))
            .socketTimeout(Duration.ofSeconds(20))
            .build();
    this.longPollHttpClient =
        ApacheHttpClient.builder()
            .maxConnections(16)
            .connectionTimeout(Duration.ofSeconds(5))
            .socketTimeout(Duration.ofSeconds(35))
            .build();
  }

  private AwsClientFactory(AwsClientFactory root, ExecutionInterceptor storeErrors) {
    this.httpClient = root.httpClient;
    this.longPollHttpClient = root.longPollHttpClient;
    this.counter = root.counter;
    this.apiCallTimeout = root.apiCallTimeout;
    this.maxAttempts = root.maxAttempts;
    this.errors = root.errors;
    this.storeErrors = storeErrors;
    this.ownsPools = false;
  }

  public AwsCallCounter counter() {
    return counter;
  }

  /**
   * The same factory, whose clients count their failed calls against {@code store} (this factory
   * itself when failures are not counted). Shares the HTTP pools.
   */
  public AwsClientFactory forStore(String store) {
    return errors == null ? this : new AwsClientFactory(this, errors.forStore(store));
  }

  public DynamoDbClient dynamoDb(
      Region region, AwsCredentialsProvider credentials, Optional<URI> endpoint) {
    return configure(DynamoDbClient.builder(), region, credentials, endpoint).build();
  }

  /**
   * DynamoDB Streams (its own service endpoint; with an override, the DynamoDB one, as local
   * emulators serve both).
   */
  public DynamoDbStreamsClient dynamoDbStreams(
      Region region, AwsCredentialsProvider credentials, Optional<URI> endpoint) {
    return configure(DynamoDbStreamsClient.builder(), region, credentials, endpoint).build();
  }

  public KmsClient kms(Region region, AwsCredentialsProvider credentials, Optional<URI> endpoint) {
    return configure(KmsClient.builder(), region, credentials, endpoint).build();
  }

  public SecretsManagerClient secretsManager(
      Region region, AwsCredentialsProvider credentials, Optional<URI> endpoint) {
    return configure(SecretsManagerClient.builder(), region, credentials, endpoint).build();
  }

  public SsmClient ssm(Region region, AwsCredentialsProvider credentials, Optional<URI> endpoint) {
    return configure(SsmClient.builder(), region, credentials, endpoint).build();
  }

  /**
   * With an endpoint override, buckets are addressed by path ({@code https://host/bucket/key}):
   * emulators and many private endpoints have no DNS entry per bucket.
   */
  public S3Client s3(Region region, AwsCredentialsProvider credentials, Optional<URI> endpoint) {
    return configure(S3Client.builder(), region, credentials, endpoint)
        .forcePathStyle(endpoint.isPresent())
        .build();
  }

  /** For long polls (20 s waits): its own connections, and a call timeout above the wait. */
  public SqsClient sqs(Region region, AwsCredentialsProvider credentials, Optional<URI> endpoint) {
    var builder =
        configure(SqsClient.builder(), region, credentials, endpoint)
            .httpClient(longPollHttpClient);
    builder.overrideConfiguration(
        builder.overrideConfiguration().toBuilder().apiCallTimeout(Duration.ofSeconds(60)).build());
    return builder.build();
  }

  public StsClient sts(Region region, AwsCredentialsProvider credentials, Optional<URI> endpoint) {
    return configure(StsClient.builder(), region, credentials, endpoint).build();
  }

  private <
          B extends
              AwsClientBuilder<B, ?>
                  & software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder<B, ?>>
      B configure(
          B builder, Region region, AwsCredentialsProvider credentials, Optional<URI> endpoint) {
    ClientOverrideConfiguration.Builder config =
        ClientOverrideConfiguration.builder().addExecutionInterceptor(counter);
    if (storeErrors != null) {
      config.addExecutionInterceptor(storeErrors);
    }
    builder
        .region(region)
        .credentialsProvider(credentials)
        .httpClient(httpClient)
        .overrideConfiguration(
            config
                .retryStrategy(
                    AwsRetryStrategy.standardRetryStrategy().toBuilder()
                        .maxAttempts(maxAttempts)
                        .build())
                .apiCallTimeout(apiCallTimeout)
                .build());
    endpoint.ifPresent(builder::endpointOverride);
    return builder;
  }

  /** Closes the shared HTTP pool; clients built by this factory stop working. */
  @Override
  public void close() {
    if (!ownsPools) {
      return;
    }
    httpClient.close();
    longPollHttpClient.close();
  }
}
