package dev.fidelius.e2e.quickstart;

import dev.fidelius.operator.aws.AwsCallCounter;
import dev.fidelius.operator.aws.AwsClientFactory;
import dev.fidelius.operator.aws.AwsEndpoints;
import dev.fidelius.operator.backend.Outcome;
import dev.fidelius.operator.backend.SecretId;
import dev.fidelius.operator.backend.fidelius.FideliusStoreConfig;
import dev.fidelius.operator.testsupport.FideliusTables;
import dev.fidelius.writer.fidelius.FideliusWriter;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.ssm.model.ParameterType;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * The demo AWS accounts on one emulator endpoint (moto keeps one backend per account and routes
 * temporary credentials to the account of the role they came from). Each account is entered the way
 * the operator enters it: static credentials for its own, AssumeRole with the external id for
 * production, AssumeRoleWithWebIdentity for the tenant's role. Writes use the operator's own {@link
 * FideliusWriter}, so items are in the real Fidelius format.
 */
final class DemoAccounts implements AutoCloseable {

  private static final Region REGION = Region.of(DemoData.REGION);
  private static final AwsCredentialsProvider STATIC =
      StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"));

  private final URI endpoint;
  private final AwsClientFactory clients = new AwsClientFactory(new AwsCallCounter());

  DemoAccounts(URI endpoint) {
    this.endpoint = endpoint;
  }

  /** One account's clients. */
  final class Account {
    private final AwsCredentialsProvider credentials;
    private final String name;

    private Account(String name, AwsCredentialsProvider credentials) {
      this.name = name;
      this.credentials = credentials;
    }

    SecretsManagerClient secretsManager() {
      return clients.secretsManager(REGION, credentials, Optional.of(endpoint));
    }

    /**
     * The Fidelius store of this account: table credential-store and key alias/credstash, created
     * when absent.
     */
    FideliusWriter fidelius() {
      DynamoDbClient dynamo = clients.dynamoDb(REGION, credentials, Optional.of(endpoint));
      KmsClient kms = clients.kms(REGION, credentials, Optional.of(endpoint));
      ensureTable(dynamo, FideliusStoreConfig.DEFAULT_TABLE);
      ensureKeyAlias(kms, FideliusStoreConfig.DEFAULT_KMS_KEY_ID);
      return new FideliusWriter(
          dynamo,
          kms,
          FideliusStoreConfig.defaults(REGION, "quickstart-" + name)
              .withEndpoints(AwsEndpoints.all(endpoint)),
          "quickstart-seeder");
    }

    /** Stores a new version of a SecureString parameter (under the account's default key). */
    void putParameter(String name, String value) {
      clients
          .ssm(REGION, credentials, Optional.of(endpoint))
          .putParameter(
              b -> b.name(name).value(value).type(ParameterType.SECURE_STRING).overwrite(true));
    }

    /**
     * Uploads a KMS envelope object, as {@code aws kms encrypt} and {@code aws s3 cp} would: the
     * ciphertext of the value under the Fidelius key and encryption context; creates the bucket
     * with versioning when absent.
     */
    void putEnvelopeObject(String bucket, String key, String value, Map<String, String> context) {
      KmsClient kms = clients.kms(REGION, credentials, Optional.of(endpoint));
      ensureKeyAlias(kms, FideliusStoreConfig.DEFAULT_KMS_KEY_ID);
      byte[] blob =
          kms.encrypt(
                  b ->
                      b.keyId(FideliusStoreConfig.DEFAULT_KMS_KEY_ID)
                          .plaintext(SdkBytes.fromUtf8String(value))
                          .encryptionContext(context))
              .ciphertextBlob()
              .asByteArray();
      S3Client s3 = clients.s3(REGION, credentials, Optional.of(endpoint));
      try {
        s3.createBucket(b -> b.bucket(bucket));
        s3.putBucketVersioning(
            b -> b.bucket(bucket).versioningConfiguration(v -> v.status("Enabled")));
      } catch (BucketAlreadyOwnedByYouException exists) {
        // seeded before
      }
      s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(blob));
    }

    /** Creates the secret, or stores a new current version when it exists. */
    void putSecret(String secretName, String value) {
      SecretsManagerClient sm = secretsManager();
      boolean exists =
          sm
              .listSecrets(b -> b.filters(f -> f.key("name").values(secretName)))
              .secretList()
              .stream()
              .anyMatch(s -> s.name().equals(secretName));
      if (exists) {
        sm.putSecretValue(b -> b.secretId(secretName).secretString(value));
      } else {
        sm.createSecret(b -> b.name(secretName).secretString(value));
      }
    }
  }

  Account operatorAccount() {
    return new Account("operator", STATIC);
  }

  Account prodAccount() {
    StsClient sts = clients.sts(REGION, STATIC, Optional.of(endpoint));
    Credentials c =
        sts.assumeRole(
                b ->
                    b.roleArn(DemoData.PROD_ROLE_ARN)
                        .roleSessionName("quickstart-seeder")
                        .externalId(DemoData.PROD_EXTERNAL_ID))
            .credentials();
    return new Account("prod", session(c));
  }

  Account tenantAccount() {
    StsClient sts =
        clients.sts(REGION, AnonymousCredentialsProvider.create(), Optional.of(endpoint));
    // The emulator does not verify web identity tokens; in AWS this is the ServiceAccount's token.
    Credentials c =
        sts.assumeRoleWithWebIdentity(
                b ->
                    b.roleArn(DemoData.TENANT_ROLE_ARN)
                        .roleSessionName("quickstart-seeder")
                        .webIdentityToken("quickstart.seeder.token"))
            .credentials();
    return new Account("tenant", session(c));
  }

  /** Writes a new version; returns its id. */
  static String write(FideliusWriter writer, SecretId id, String value) {
    Outcome<String> version = writer.put(id, value);
    if (!version.isOk()) {
      throw new IllegalStateException("could not write " + id + ": " + version.error());
    }
    return version.value();
  }

  private static AwsCredentialsProvider session(Credentials c) {
    return StaticCredentialsProvider.create(
        AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(), c.sessionToken()));
  }

  private static void ensureTable(DynamoDbClient dynamo, String table) {
    try {
      dynamo.describeTable(b -> b.tableName(table));
    } catch (ResourceNotFoundException absent) {
      FideliusTables.create(dynamo, table);
      dynamo.waiter().waitUntilTableExists(b -> b.tableName(table));
      // A stream on the table: the operator hears of each write within a second (change events).
      dynamo.updateTable(
          b ->
              b.tableName(table)
                  .streamSpecification(
                      s -> s.streamEnabled(true).streamViewType(StreamViewType.KEYS_ONLY)));
    }
  }

  private static void ensureKeyAlias(KmsClient kms, String alias) {
    boolean present =
        kms.listAliases().aliases().stream().anyMatch(a -> alias.equals(a.aliasName()));
    if (!present) {
      String keyId =
          kms.createKey(b -> b.description("Fidelius quickstart key")).keyMetadata().keyId();
      kms.createAlias(b -> b.aliasName(alias).targetKeyId(keyId));
    }
  }

  @Override
  public void close() {
    clients.close();
  }
}
