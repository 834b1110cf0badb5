package dev.fidelius.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fidelius.operator.testsupport.AwsTestClients;
import dev.fidelius.operator.testsupport.MotoServer;
import dev.fidelius.operator.testsupport.TestServers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ObjectVersion;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * The store commands on S3 (moto), under the keys the operator reads: KMS ciphertext objects under
 * the Fidelius encryption context in a versioned bucket, and server-side encrypted objects
 * (SSE-KMS, SSE-S3) in a bucket without versioning, where versions are ETags.
 */
@ExtendWith(TestServers.class)
class S3CommandsIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dir;
  private static CliStores stores;
  private static AwsTestClients aws;
  private static S3Client s3;
  private static KmsClient kms;
  private static String versioned;
  private static String unversioned;
  private static Cli envelope;
  private static Cli sseKms;
  private static Cli sseS3;

  @BeforeAll
  static void start(MotoServer moto) throws Exception {
    stores = new CliStores(moto, dir);
    aws = new AwsTestClients();
    s3 = aws.factory().s3(MotoServer.REGION, MotoServer.CREDENTIALS, Optional.of(moto.endpoint()));
    kms = aws.kms(moto.endpoint());
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    versioned = "cli-versioned-" + suffix;
    unversioned = "cli-plain-" + suffix;
    s3.createBucket(b -> b.bucket(versioned));
    s3.putBucketVersioning(
        b -> b.bucket(versioned).versioningConfiguration(v -> v.status("Enabled")));
    s3.createBucket(b -> b.bucket(unversioned));
    Path config = dir.resolve("objects.yaml");
    Files.writeString(
        config,
        """
        stores:
          envelope:
            provider: s3
            region: %1$s
            bucket: %2$s
            prefix: secrets/
            encryption: KmsEnvelope
            encryptionContext: Fidelius
            kmsKeyId: %4$s
            endpointUrl: %5$s
          ssekms:
            provider: s3
            region: %1$s
            bucket: %3$s
            encryption: ServerSide
            kmsKeyId: %4$s
            endpointUrl: %5$s
          sses3:
            provider: s3
            region: %1$s
            bucket: %3$s
            prefix: plain/
            encryption: ServerSide
            endpointUrl: %5$s
        """
            .formatted(
                MotoServer.REGION.id(), versioned, unversioned, stores.keyAlias, moto.endpoint()));
    envelope = new Cli("--config", config.toString(), "--store", "envelope");
    sseKms = new Cli("--config", config.toString(), "--store", "ssekms");
    sseS3 = new Cli("--config", config.toString(), "--store", "sses3");
  }

  @AfterAll
  static void stop() {
    stores.close();
    aws.close();
  }

  @Test
  void envelopePutsAreKmsCiphertextsUnderTheFideliusContextAndVersionsOfTheObject()
      throws Exception {
    String app = CliStores.freshApp();
    Cli.Result first =
        envelope.runWithInput(
            "first-q7", "put", "-a", app, "-c", "web", "-s", "dev", "db_password");
    Cli.Result second =
        envelope.runWithInput(
            "second-q7", "put", "-a", app, "-c", "web", "-s", "dev", "db_password");

    assertThat(first.exit()).as(first.toString()).isZero();
    assertThat(second.exit()).as(second.toString()).isZero();
    String key = "secrets/" + app.toUpperCase() + "/web/dev/db_password";
    byte[] body = s3.getObjectAsBytes(b -> b.bucket(versioned).key(key)).asByteArray();
    Map<String, String> context =
        Map.of("Application", app.toUpperCase(), "SDLC", "dev", "Component", "web");
    assertThat(
            kms.decrypt(
                    b -> b.ciphertextBlob(SdkBytes.fromByteArray(body)).encryptionContext(context))
                .plaintext()
                .asUtf8String())
        .isEqualTo("second-q7");
    assertThatThrownBy(() -> kms.decrypt(b -> b.ciphertextBlob(SdkBytes.fromByteArray(body))))
        .as("the blob is bound to its application, SDLC and component");

    JsonNode history =
        JSON.readTree(
            envelope
                .run("history", "-a", app, "-c", "web", "-s", "dev", "db_password", "-o", "json")
                .out());
    List<String> versionIds =
        versionsOf(versioned, key).stream().map(ObjectVersion::versionId).toList();
    assertThat(history)
        .extracting(v -> v.get("version").asText())
        .containsExactlyElementsOf(versionIds);
    assertThat(history).hasSize(2);
    assertThat(envelope.run("get", "-a", app, "-c", "web", "-s", "dev", "db_password").out())
        .isEqualTo("second-q7\n");
    String older = history.get(1).get("version").asText();
    assertThat(
            envelope
                .run("get", "-a", app, "-c", "web", "-s", "dev", "db_password", "--version", older)
                .out())
        .isEqualTo("first-q7\n");
    assertThat(history.toString() + first.out() + second.out())
        .doesNotContain("first-q7", "second-q7");

    Cli.Result delete =
        envelope.run(
            "delete", "-a", app, "-c", "web", "-s", "dev", "db_password", "--yes", "-o", "json");
    assertThat(delete.exit()).as(delete.toString()).isZero();
    assertThat(delete.out()).contains("\"versionsDeleted\" : 2");
    assertThat(versionsOf(versioned, key)).isEmpty();
    assertThat(envelope.run("get", "-a", app, "-c", "web", "-s", "dev", "db_password").exit())
        .isEqualTo(ExitCodes.NOT_FOUND);
  }

  @Test
  void serverSidePutsUseSseKmsOrSseS3AndAreVersionedByEtagWithoutBucketVersioning()
      throws Exception {
    String app = CliStores.freshApp();
    Cli.Result kmsPut = sseKms.runWithInput("kms-one", "put", "-a", app, "-s", "dev", "token");
    Cli.Result s3Put = sseS3.runWithInput("plain-one", "put", "-a", app, "-s", "dev", "token");

    assertThat(kmsPut.exit()).as(kmsPut.toString()).isZero();
    assertThat(s3Put.exit()).as(s3Put.toString()).isZero();
    HeadObjectResponse kmsHead =
        s3.headObject(b -> b.bucket(unversioned).key(app.toUpperCase() + "/dev/token"));
    HeadObjectResponse s3Head =
        s3.headObject(b -> b.bucket(unversioned).key("plain/" + app.toUpperCase() + "/dev/token"));
    assertThat(kmsHead.serverSideEncryption()).isEqualTo(ServerSideEncryption.AWS_KMS);
    assertThat(s3Head.serverSideEncryption()).isEqualTo(ServerSideEncryption.AES256);

    String etag = kmsHead.eTag().replace("\"", "");
    JsonNode history =
        JSON.readTree(sseKms.run("history", "-a", app, "-s", "dev", "token", "-o", "json").out());
    assertThat(history).extracting(v -> v.get("version").asText()).containsExactly(etag);
    sseKms.runWithInput("kms-two", "put", "-a", app, "-s", "dev", "token");
    JsonNode after =
        JSON.readTree(sseKms.run("history", "-a", app, "-s", "dev", "token", "-o", "json").out());
    assertThat(after).hasSize(1);
    assertThat(after.get(0).get("version").asText()).isNotEqualTo(etag);
    assertThat(sseKms.run("get", "-a", app, "-s", "dev", "token").out()).isEqualTo("kms-two\n");
    assertThat(sseS3.run("get", "-a", app, "-s", "dev", "token").out()).isEqualTo("plain-one\n");

    Cli.Result delete = sseKms.run("delete", "-a", app, "-s", "dev", "token", "--yes");
    assertThat(delete.exit()).as(delete.toString()).isZero();
    assertThat(sseKms.run("get", "-a", app, "-s", "dev", "token").exit())
        .isEqualTo(ExitCodes.NOT_FOUND);
    assertThat(sseS3.run("get", "-a", app, "-s", "dev", "token").out())
        .as("the other store's object, under its own prefix, is untouched")
        .isEqualTo("plain-one\n");
  }

  @Test
  void listDiffCopyAndExportWorkOnS3WithoutPrintingValuesWhereTheyDoNotBelong() throws Exception {
    String app = CliStores.freshApp();
    envelope.runWithInput("s-1", "put", "-a", app, "-s", "staging", "alpha");
    envelope.runWithInput("s-2", "put", "-a", app, "-s", "staging", "beta");

    Cli.Result list = envelope.run("list", "-a", app, "-s", "staging");
    Cli.Result copy =
        envelope.run("copy", "-a", app, "--from-sdlc", "staging", "--to-sdlc", "prod");
    Cli.Result diff = envelope.run("diff", "-a", app, "--sdlc", "staging,prod");
    Cli.Result export = envelope.run("export", "-a", app, "-s", "prod", "--format", "json");

    assertThat(list.exit()).as(list.toString()).isZero();
    assertThat(list.out()).contains("alpha", "beta");
    assertThat(copy.out()).containsPattern("alpha.*written").containsPattern("beta.*written");
    assertThat(diff.out()).containsPattern("alpha.*same").containsPattern("beta.*same");
    assertThat(list.out() + copy.out() + diff.out() + list.err() + copy.err() + diff.err())
        .doesNotContain("s-1", "s-2");
    JsonNode exported = JSON.readTree(export.out());
    assertThat(exported.get("alpha").asText()).isEqualTo("s-1");
    assertThat(exported.get("beta").asText()).isEqualTo("s-2");
  }

  @Test
  void flagsAloneNameAStoreAndAnEnvelopeStoreWithoutAKmsKeyRefusesToWrite(MotoServer moto) {
    String app = CliStores.freshApp();
    envelope.runWithInput("by-config", "put", "-a", app, "-s", "dev", "x");
    Cli flags =
        new Cli(
            "--config",
            dir.resolve("objects.yaml").toString(),
            "--provider",
            "s3",
            "--bucket",
            versioned,
            "--prefix",
            "secrets",
            "--region",
            MotoServer.REGION.id(),
            "--endpoint-url",
            moto.endpoint().toString());

    Cli.Result list = flags.run("list", "-a", app, "-s", "dev");
    Cli.Result refused = flags.runWithInput("never-shown", "put", "-a", app, "-s", "dev", "y");

    assertThat(list.exit()).as(list.toString()).isZero();
    assertThat(list.out()).contains("x");
    assertThat(refused.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(refused.err()).contains("KMS key").doesNotContain("never-shown");

    // With a key and no encryption context: a blob KMS decrypts without one.
    Cli.Result put =
        flags.runWithInput(
            "no-context", "put", "-a", app, "-s", "dev", "y", "--kms-key-id", stores.keyAlias);
    assertThat(put.exit()).as(put.toString()).isZero();
    byte[] body =
        s3.getObjectAsBytes(b -> b.bucket(versioned).key("secrets/" + app.toUpperCase() + "/dev/y"))
            .asByteArray();
    assertThat(
            kms.decrypt(b -> b.ciphertextBlob(SdkBytes.fromByteArray(body)))
                .plaintext()
                .asUtf8String())
        .isEqualTo("no-context");
    assertThat(flags.run("get", "-a", app, "-s", "dev", "y").out()).isEqualTo("no-context\n");
  }

  private static List<ObjectVersion> versionsOf(String bucket, String key) {
    return s3.listObjectVersions(b -> b.bucket(bucket).prefix(key)).versions().stream()
        .filter(v -> v.key().equals(key))
        .toList();
  }
}
