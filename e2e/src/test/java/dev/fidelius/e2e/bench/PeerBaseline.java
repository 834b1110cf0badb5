package dev.fidelius.e2e.bench;

import dev.fidelius.operator.aws.AwsCallCounter;
import dev.fidelius.operator.testsupport.AwsTestClients;
import dev.fidelius.operator.testsupport.MotoServer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * The peers' strategy, written plainly against the AWS SDK so that it runs on the same data in the
 * same run: every refresh reads every key on its own, with no change detection and no cache.
 * Secrets Manager: one GetSecretValue per key (External Secrets Operator, the CSI driver's AWS
 * provider). Fidelius store: one Query for the newest item plus one KMS Decrypt of its data key per
 * key (credstash's {@code getSecret}, the Fidelius SDK's {@code getCredential}), then the HMAC
 * check and AES-CTR decryption done locally. Parameter Store: one GetParameter with decryption per
 * key. S3: one GetObject plus one KMS Decrypt of its body per key.
 */
final class PeerBaseline implements AutoCloseable {

  private final AwsTestClients clients = new AwsTestClients();
  private final SecretsManagerClient sm;
  private final DynamoDbClient ddb;
  private final KmsClient kms;
  private final SsmClient ssm;
  private final S3Client s3;
  private final BenchEnvironment env;

  PeerBaseline(BenchEnvironment env) {
    this.env = env;
    this.sm = clients.secretsManager(env.moto.endpoint());
    this.ddb = clients.dynamoDb(env.moto.endpoint());
    this.kms = clients.kms(env.moto.endpoint());
    var endpoint = java.util.Optional.of(env.moto.endpoint());
    this.ssm = clients.factory().ssm(MotoServer.REGION, MotoServer.CREDENTIALS, endpoint);
    this.s3 = clients.factory().s3(MotoServer.REGION, MotoServer.CREDENTIALS, endpoint);
  }

  AwsCallCounter calls() {
    return clients.counter();
  }

  /** One refresh of every key; returns the value read for each. */
  Map<Dataset.Key, String> refresh(Backend backend, List<Dataset.Key> keys) {
    Map<Dataset.Key, String> values = new ConcurrentHashMap<>();
    env.parallel(keys, key -> values.put(key, read(backend, key)));
    return values;
  }

  private String read(Backend backend, Dataset.Key key) {
    return switch (backend) {
      case FIDELIUS -> readFidelius(key);
      case SECRETS_MANAGER -> readSm(key);
      case PARAMETER_STORE ->
          ssm.getParameter(b -> b.name(key.parameterName()).withDecryption(true))
              .parameter()
              .value();
      case S3 -> readObject(key);
    };
  }

  private String readObject(Dataset.Key key) {
    byte[] blob =
        s3.getObjectAsBytes(g -> g.bucket(BenchEnvironment.BUCKET).key(key.objectKey()))
            .asByteArray();
    return kms.decrypt(b -> b.ciphertextBlob(SdkBytes.fromByteArray(blob)))
        .plaintext()
        .asUtf8String();
  }

  private String readSm(Dataset.Key key) {
    return sm.getSecretValue(b -> b.secretId(key.fullName())).secretString();
  }

  private String readFidelius(Dataset.Key key) {
    var items =
        ddb.query(
                q ->
                    q.tableName(BenchEnvironment.TABLE)
                        .keyConditionExpression("#n = :n")
                        .expressionAttributeNames(Map.of("#n", "name"))
                        .expressionAttributeValues(
                            Map.of(":n", AttributeValue.fromS(key.fullName())))
                        .scanIndexForward(false)
                        .limit(1)
                        .consistentRead(true))
            .items();
    if (items.isEmpty()) {
      throw new IllegalStateException(key.fullName() + " not found");
    }
    Map<String, AttributeValue> item = items.get(0);
    byte[] dataKey =
        kms.decrypt(
                b ->
                    b.ciphertextBlob(
                            SdkBytes.fromByteArray(Base64.getDecoder().decode(item.get("key").s())))
                        .encryptionContext(
                            Map.of(
                                "Application",
                                key.id().scope().application(),
                                "SDLC",
                                Dataset.SDLC)))
            .plaintext()
            .asByteArray();
    byte[] ciphertext = Base64.getDecoder().decode(item.get("contents").s());
    AttributeValue hmac = item.get("hmac");
    String expectedHex = hmac.s() != null ? hmac.s() : hmac.b().asUtf8String();
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(dataKey, 32, 32, "HmacSHA256"));
      if (!MessageDigest.isEqual(
          mac.doFinal(ciphertext), HexFormat.of().parseHex(expectedHex.toLowerCase()))) {
        throw new IllegalStateException(key.fullName() + ": HMAC mismatch");
      }
      byte[] iv = new byte[16];
      iv[15] = 1;
      Cipher aes = Cipher.getInstance("AES/CTR/NoPadding");
      aes.init(
          Cipher.DECRYPT_MODE, new SecretKeySpec(dataKey, 0, 32, "AES"), new IvParameterSpec(iv));
      return new String(aes.doFinal(ciphertext), StandardCharsets.UTF_8);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(key.fullName() + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    clients.close();
  }
}
