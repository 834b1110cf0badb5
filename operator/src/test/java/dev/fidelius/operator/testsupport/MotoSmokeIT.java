package dev.fidelius.operator.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.GenerateDataKeyResponse;
import software.amazon.awssdk.services.kms.model.InvalidCiphertextException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleWithWebIdentityResponse;

/** The moto fixture serves KMS, Secrets Manager and STS as the backends will use them. */
@ExtendWith(TestServers.class)
class MotoSmokeIT {

  private static MotoServer moto;
  private static AwsTestClients clients;

  @BeforeAll
  static void start(MotoServer server) {
    moto = server;
    clients = new AwsTestClients();
  }

  @AfterAll
  static void stop() {
    clients.close();
  }

  @Test
  void kmsDataKeyDecryptsOnlyWithTheSameEncryptionContext() {
    KmsClient kms = clients.kms(moto.endpoint());
    String keyId = kms.createKey(b -> b.description("smoke")).keyMetadata().keyId();
    Map<String, String> context = Map.of("Application", "APP", "SDLC", "dev");

    GenerateDataKeyResponse dataKey =
        kms.generateDataKey(b -> b.keyId(keyId).numberOfBytes(64).encryptionContext(context));
    assertThat(dataKey.plaintext().asByteArray()).hasSize(64);

    SdkBytes decrypted =
        kms.decrypt(b -> b.ciphertextBlob(dataKey.ciphertextBlob()).encryptionContext(context))
            .plaintext();
    assertThat(decrypted.asByteArray()).isEqualTo(dataKey.plaintext().asByteArray());

    assertThatThrownBy(
            () ->
                kms.decrypt(
                    b ->
                        b.ciphertextBlob(dataKey.ciphertextBlob())
                            .encryptionContext(Map.of("Application", "APP", "SDLC", "prod"))))
        .isInstanceOf(InvalidCiphertextException.class);
  }

  @Test
  void secretsManagerStoresAndReturnsASecret() {
    SecretsManagerClient sm = clients.secretsManager(moto.endpoint());
    sm.createSecret(b -> b.name("APP.dev.smoke").secretString("v1"));
    assertThat(sm.getSecretValue(b -> b.secretId("APP.dev.smoke")).secretString()).isEqualTo("v1");
  }

  @Test
  void stsWebIdentityCredentialsCallSecretsManager() {
    AssumeRoleWithWebIdentityResponse assumed =
        clients
            .sts(moto.endpoint())
            .assumeRoleWithWebIdentity(
                b ->
                    b.roleArn("arn:aws:iam::123456789012:role/tenant-a")
                        .roleSessionName("smoke")
                        .webIdentityToken("header.payload.signature"));
    var creds = assumed.credentials();
    assertThat(creds.sessionToken()).isNotBlank();

    SecretsManagerClient asTenant =
        clients.secretsManager(
            moto.endpoint(),
            StaticCredentialsProvider.create(
                AwsSessionCredentials.create(
                    creds.accessKeyId(), creds.secretAccessKey(), creds.sessionToken())));
    asTenant.createSecret(b -> b.name("APP.dev.tenant-smoke").secretString("from-tenant"));
    assertThat(asTenant.getSecretValue(b -> b.secretId("APP.dev.tenant-smoke")).secretString())
        .isEqualTo("from-tenant");
    assertThat(clients.counter().count("sts", "AssumeRoleWithWebIdentity")).isEqualTo(1);
  }
}
