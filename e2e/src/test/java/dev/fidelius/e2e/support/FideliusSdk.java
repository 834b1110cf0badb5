package dev.fidelius.e2e.support;

import com.amazonaws.ClientConfiguration;
import com.amazonaws.auth.AWSCredentialsProvider;
import com.amazonaws.auth.AWSStaticCredentialsProvider;
import com.amazonaws.auth.BasicAWSCredentials;
import com.amazonaws.client.builder.AwsClientBuilder.EndpointConfiguration;
import com.amazonaws.services.dynamodbv2.AmazonDynamoDBClientBuilder;
import com.amazonaws.services.kms.AWSKMSClientBuilder;
import com.amazonaws.services.securitytoken.AWSSecurityTokenServiceClientBuilder;
import java.net.URI;
import org.finra.fidelius.FideliusClient;

/**
 * FINRA's real Fidelius SDK 2.0.0 (AWS SDK v1), as teams use it to write secrets, pointed at moto
 * (DynamoDB, KMS, STS). Writes go with the default KMS key ({@code alias/credstash}) like a team's
 * would.
 */
public final class FideliusSdk {

  private static final String REGION = "us-east-1";

  private final Client client;

  public FideliusSdk(URI dynamoDb, URI moto) {
    this(dynamoDb, moto, "testing", "testing");
  }

  /** With the given moto credentials (an IAM user's, when moto enforces IAM). */
  public FideliusSdk(URI dynamoDb, URI moto, String accessKeyId, String secretAccessKey) {
    this.client =
        new Client(
            dynamoDb,
            moto,
            new AWSStaticCredentialsProvider(
                new BasicAWSCredentials(accessKeyId, secretAccessKey)));
  }

  /** Writes a new version of APP[.component].sdlc.name; returns what the SDK returns. */
  public String put(
      String table, String application, String component, String sdlc, String name, String value) {
    try {
      return client.putCredential(name, value, application, sdlc, component, table, null);
    } catch (Exception e) {
      throw new IllegalStateException(
          "the Fidelius SDK could not write " + name + ": " + e.getClass().getSimpleName(), e);
    }
  }

  /** The SDK's own read, to show the SDK and the operator agree. */
  public String get(String table, String application, String component, String sdlc, String name) {
    try {
      return client.getCredential(name, application, sdlc, component, table);
    } catch (Exception e) {
      throw new IllegalStateException(
          "the Fidelius SDK could not read " + name + ": " + e.getClass().getSimpleName(), e);
    }
  }

  private static final class Client extends FideliusClient {
    Client(URI dynamoDb, URI moto, AWSCredentialsProvider credentials) {
      super(new ClientConfiguration(), credentials, REGION);
      var dynamo =
          AmazonDynamoDBClientBuilder.standard()
              .withCredentials(credentials)
              .withEndpointConfiguration(new EndpointConfiguration(dynamoDb.toString(), REGION))
              .build();
      var kms =
          AWSKMSClientBuilder.standard()
              .withCredentials(credentials)
              .withEndpointConfiguration(new EndpointConfiguration(moto.toString(), REGION))
              .build();
      // The SDK records who wrote a version through STS GetCallerIdentity.
      this.awsSecurityTokenService =
          AWSSecurityTokenServiceClientBuilder.standard()
              .withCredentials(credentials)
              .withEndpointConfiguration(new EndpointConfiguration(moto.toString(), REGION))
              .build();
      setFideliusClient(dynamo, kms);
    }
  }
}
