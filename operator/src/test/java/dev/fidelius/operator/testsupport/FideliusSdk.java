package dev.fidelius.operator.testsupport;

import com.amazonaws.ClientConfiguration;
import com.amazonaws.auth.AWSStaticCredentialsProvider;
import com.amazonaws.auth.BasicAWSCredentials;
import com.amazonaws.client.builder.AwsClientBuilder.EndpointConfiguration;
import com.amazonaws.services.dynamodbv2.AmazonDynamoDB;
import com.amazonaws.services.dynamodbv2.AmazonDynamoDBClientBuilder;
import com.amazonaws.services.kms.AWSKMS;
import com.amazonaws.services.kms.AWSKMSClientBuilder;
import com.amazonaws.services.securitytoken.AWSSecurityTokenServiceClientBuilder;
import dev.fidelius.operator.backend.SecretId;
import java.net.URI;
import org.finra.fidelius.FideliusClient;

/**
 * FINRA's real Fidelius SDK 2.0.0 (AWS SDK v1) pointed at the emulators. Tests seed Fidelius stores
 * with it, so what the operator reads is written by an independent implementation of the format,
 * and interop tests drive it against the writer and the command line.
 *
 * <p>The v1 clients use the same access key and region as the operator's clients (DynamoDB
 * emulators keep one database per key and region). Writes record the caller through STS
 * GetCallerIdentity, which the SDK asks through its {@code awsSecurityTokenService} field. The SDK
 * encodes values with the JVM's default charset, UTF-8 on the Java versions this build runs on.
 */
public final class FideliusSdk extends FideliusClient {

  private static final AWSStaticCredentialsProvider CREDENTIALS =
      new AWSStaticCredentialsProvider(new BasicAWSCredentials("testing", "testing"));

  public FideliusSdk(URI dynamoEndpoint, URI motoEndpoint) {
    super(new ClientConfiguration(), CREDENTIALS, MotoServer.REGION.id());
    String region = MotoServer.REGION.id();
    AmazonDynamoDB dynamoV1 =
        AmazonDynamoDBClientBuilder.standard()
            .withCredentials(CREDENTIALS)
            .withEndpointConfiguration(new EndpointConfiguration(dynamoEndpoint.toString(), region))
            .build();
    AWSKMS kmsV1 =
        AWSKMSClientBuilder.standard()
            .withCredentials(CREDENTIALS)
            .withEndpointConfiguration(new EndpointConfiguration(motoEndpoint.toString(), region))
            .build();
    this.awsSecurityTokenService =
        AWSSecurityTokenServiceClientBuilder.standard()
            .withCredentials(CREDENTIALS)
            .withEndpointConfiguration(new EndpointConfiguration(motoEndpoint.toString(), region))
            .build();
    setFideliusClient(dynamoV1, kmsV1);
  }

  /**
   * Writes a new version of the secret as the Fidelius SDK does, failing loudly (the SDK throws
   * Exception).
   */
  public void put(SecretId id, String value, String table, String kmsKeyId) {
    try {
      putCredential(
          id.name(),
          value,
          id.scope().application(),
          id.scope().sdlc(),
          id.scope().componentIfAny().orElse(null),
          table,
          kmsKeyId);
    } catch (Exception e) {
      throw new IllegalStateException("the Fidelius SDK could not write " + id + " to " + table, e);
    }
  }
}
