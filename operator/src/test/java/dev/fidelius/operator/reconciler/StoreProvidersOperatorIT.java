package dev.fidelius.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fidelius.operator.testsupport.AwsTestClients;
import dev.fidelius.operator.testsupport.KubeApiServer;
import dev.fidelius.operator.testsupport.MotoServer;
import dev.fidelius.operator.testsupport.TestServers;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/**
 * The operator end to end with the Parameter Store and S3 providers: a FideliusSecret per store
 * syncs into a Secret and follows a rotation; a name that could reach an SDLC the namespace is not
 * admitted to is refused.
 */
@ExtendWith(TestServers.class)
class StoreProvidersOperatorIT {

  private static final String NS = "stores-a";
  private static final String ACCESS =
      """
        access:
          rules:
          - {namespaces: [stores-a], applications: [SHOP], sdlcs: [dev]}
          - {namespaces: [stores-b], applications: [SHOP], sdlcs: [prod]}
      """;

  private static OperatorHarness operator;
  private static ClusterView cluster;
  private static AwsTestClients aws;
  private static SsmClient ssm;
  private static S3Client s3;
  private static KmsClient kms;
  private static String keyId;
  private static String bucket;

  @BeforeAll
  static void start(KubeApiServer server, MotoServer moto) {
    aws = new AwsTestClients();
    ssm =
        aws.factory().ssm(MotoServer.REGION, MotoServer.CREDENTIALS, Optional.of(moto.endpoint()));
    s3 = aws.factory().s3(MotoServer.REGION, MotoServer.CREDENTIALS, Optional.of(moto.endpoint()));
    kms = aws.kms(moto.endpoint());
    keyId = kms.createKey(b -> b.description("stores operator IT")).keyMetadata().keyId();
    bucket = "stores-it-" + UUID.randomUUID().toString().substring(0, 8);
    s3.createBucket(b -> b.bucket(bucket));
    s3.putBucketVersioning(b -> b.bucket(bucket).versioningConfiguration(v -> v.status("Enabled")));

    operator = new OperatorHarness(server, Map.of()).start();
    cluster = new ClusterView(operator.client(), Duration.ofSeconds(45));
    operator.namespace(NS, Map.of());
    String endpoint = moto.endpoint().toString();
    cluster.apply(
        """
        apiVersion: fidelius.dev/v1alpha1
        kind: ClusterFideliusStore
        metadata: {name: parameters-it}
        spec:
          provider:
            parameterStore: {region: us-east-1, prefix: /fidelius}
          endpoints: {ssm: "%s", kms: "%s", sts: "%s"}
        %s"""
            .formatted(endpoint, endpoint, endpoint, ACCESS));
    cluster.apply(
        """
        apiVersion: fidelius.dev/v1alpha1
        kind: ClusterFideliusStore
        metadata: {name: objects-it}
        spec:
          provider:
            s3: {bucket: %s, prefix: secrets/, region: us-east-1, encryption: KmsEnvelope, encryptionContext: Fidelius}
          endpoints: {s3: "%s", kms: "%s", sts: "%s"}
        %s"""
            .formatted(bucket, endpoint, endpoint, endpoint, ACCESS));
  }

  @AfterAll
  static void stop() {
    if (operator != null) {
      operator.close();
    }
    aws.close();
  }

  private static String putParameter(String name, String value) {
    return String.valueOf(
        ssm.putParameter(
                b ->
                    b.name(name)
                        .value(value)
                        .type(ParameterType.SECURE_STRING)
                        .keyId(keyId)
                        .overwrite(true))
            .version());
  }

  private static String putObject(String key, String value) {
    byte[] blob =
        kms.encrypt(
                b ->
                    b.keyId(keyId)
                        .plaintext(SdkBytes.fromUtf8String(value))
                        .encryptionContext(Map.of("Application", "SHOP", "SDLC", "dev")))
            .ciphertextBlob()
            .asByteArray();
    return s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(blob)).versionId();
  }

  private static void applySecret(String name, String store, String body) {
    cluster.apply(
        """
        apiVersion: fidelius.dev/v1alpha1
        kind: FideliusSecret
        metadata: {name: %s, namespace: stores-a}
        spec:
          storeRef: {name: %s, kind: ClusterFideliusStore}
          application: shop
          sdlc: dev
          refreshInterval: 1s
        %s"""
            .formatted(name, store, body.indent(2)));
  }

  @Test
  void aParameterStoreSecretSyncsFindsAPathAndFollowsRotation() {
    String name = "ps-" + UUID.randomUUID().toString().substring(0, 6);
    putParameter("/fidelius/SHOP/dev/" + name + "-db", "ps-one");
    putParameter("/fidelius/SHOP/dev/" + name + "-found", "found-value");
    // Listed too (the path is read recursively); the regex leaves it out.
    putParameter("/fidelius/SHOP/dev/" + name + "-tree/leaf", "leaf-value");
    applySecret(
        name,
        "parameters-it",
        """
        data:
        - {name: %1$s-db, key: password}
        dataFrom:
        - find: {nameRegex: "^%1$s-found$"}
        """
            .formatted(name));

    cluster.awaitReady(NS, name);
    assertThat(ClusterView.value(cluster.secret(NS, name), "password")).isEqualTo("ps-one");
    // A sweep of the path taken just before the put may serve the first sync; the next one finds
    // it.
    cluster.await(
        "the found parameter reaches the Secret",
        () -> "found-value".equals(ClusterView.value(cluster.secret(NS, name), name + "-found")));
    assertThat(cluster.secret(NS, name).getData()).hasSize(2);
    assertThat(cluster.fsec(NS, name).getStatus().getSyncedVersions())
        .containsEntry(name + "-db", "1");

    putParameter("/fidelius/SHOP/dev/" + name + "-db", "ps-two");
    cluster.await(
        "rotation reaches the Secret",
        () -> "ps-two".equals(ClusterView.value(cluster.secret(NS, name), "password")));
  }

  @Test
  void aFindOverNestedParameterNamesMapsSlashesToUnderscoresAndRefusesAConflict() {
    String name = "nest-" + UUID.randomUUID().toString().substring(0, 6);
    putParameter("/fidelius/SHOP/dev/" + name + "/tree/leaf", "leaf-value");
    putParameter("/fidelius/SHOP/dev/" + name + "/flat", "flat-value");
    applySecret(
        name,
        "parameters-it",
        "dataFrom:\n- find: {nameRegex: \"^%s/\"}\n  keyPrefix: p_\n".formatted(name));

    cluster.await(
        "both found parameters reach the Secret",
        () -> cluster.secret(NS, name).getData().size() == 2);
    assertThat(cluster.secret(NS, name).getData())
        .containsOnlyKeys("p_" + name + "_tree_leaf", "p_" + name + "_flat");
    assertThat(ClusterView.value(cluster.secret(NS, name), "p_" + name + "_tree_leaf"))
        .isEqualTo("leaf-value");

    // A second name on the same key (found by the next sweep of the path): the sync fails with a
    // reason naming both, and the Secret keeps its data.
    putParameter("/fidelius/SHOP/dev/" + name + "/tree_leaf", "other-value");
    String message = cluster.awaitReason(NS, name, "InvalidSpec").getMessage();
    assertThat(message)
        .contains(name + "/tree/leaf", name + "/tree_leaf", "p_" + name + "_tree_leaf")
        .doesNotContain("leaf-value", "other-value");
    assertThat(ClusterView.value(cluster.secret(NS, name), "p_" + name + "_tree_leaf"))
        .isEqualTo("leaf-value");
  }

  @Test
  void anS3EnvelopeSecretSyncsAndFollowsRotation() {
    String name = "s3-" + UUID.randomUUID().toString().substring(0, 6);
    String first = putObject("secrets/SHOP/dev/" + name + "-key", "s3-one");
    applySecret(name, "objects-it", "data:\n- {name: %s-key, key: apiKey}\n".formatted(name));

    cluster.awaitReady(NS, name);
    assertThat(ClusterView.value(cluster.secret(NS, name), "apiKey")).isEqualTo("s3-one");
    assertThat(cluster.fsec(NS, name).getStatus().getSyncedVersions())
        .containsEntry(name + "-key", first);

    putObject("secrets/SHOP/dev/" + name + "-key", "s3-two");
    cluster.await(
        "rotation reaches the Secret",
        () -> "s3-two".equals(ClusterView.value(cluster.secret(NS, name), "apiKey")));
  }

  @Test
  void aPathNameThatAlsoNamesAnotherSdlcIsRefused() {
    String name = "amb-" + UUID.randomUUID().toString().substring(0, 6);
    // /fidelius/SHOP/dev/prod/token is secret "prod/token" of sdlc dev, and secret "token" of
    // component dev in prod.
    applySecret(name, "parameters-it", "data:\n- {name: prod/token}\n");

    assertThat(cluster.awaitReason(NS, name, "AccessDenied").getMessage()).contains("prod/token");
    assertThat(cluster.secret(NS, name)).isNull();
  }
}
