package dev.fidelius.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fidelius.operator.api.ClusterFideliusStore;
import dev.fidelius.operator.api.FideliusSecret;
import dev.fidelius.operator.backend.SecretId;
import dev.fidelius.operator.testsupport.AwsTestClients;
import dev.fidelius.operator.testsupport.FideliusSdk;
import dev.fidelius.operator.testsupport.FideliusTables;
import dev.fidelius.operator.testsupport.FreePorts;
import dev.fidelius.operator.testsupport.KubeApiServer;
import dev.fidelius.operator.testsupport.MotoServer;
import dev.fidelius.operator.testsupport.TestServers;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The operator end to end, in-process, against a real API server and moto (Secrets Manager, KMS,
 * STS, DynamoDB): what a user sees in Secrets, status and workloads.
 */
@ExtendWith(TestServers.class)
class FideliusSecretOperatorIT {

  private static final String NS = "team-a";
  private static final Duration WAIT = Duration.ofSeconds(45);

  private static OperatorHarness operator;
  private static KubernetesClient kube;
  private static AwsTestClients aws;
  private static SecretsManagerClient sm;
  private static FideliusSdk fidelius;
  private static String fideliusTable;
  private static String fideliusKey;
  private static MotoServer moto;

  @BeforeAll
  static void start(KubeApiServer server, MotoServer motoServer) {
    moto = motoServer;
    aws = new AwsTestClients();
    sm = aws.secretsManager(moto.endpoint());
    String table = "fidelius-operator-it-" + UUID.randomUUID().toString().substring(0, 8);
    DynamoDbClient ddb = aws.dynamoDb(moto.endpoint());
    FideliusTables.create(ddb, table);
    KmsClient kms = aws.kms(moto.endpoint());
    String keyId = kms.createKey(b -> b.description("operator IT")).keyMetadata().keyId();
    // Seeded through the real Fidelius SDK: the operator only reads.
    fidelius = new FideliusSdk(moto.endpoint(), moto.endpoint());
    fideliusTable = table;
    fideliusKey = keyId;

    operator = new OperatorHarness(server, Map.of()).start();
    kube = operator.client();
    operator.namespace(NS, Map.of("team", "a"));
    apply(
        """
        apiVersion: fidelius.dev/v1alpha1
        kind: ClusterFideliusStore
        metadata: {name: fidelius-it}
        spec:
          provider:
            dynamodb: {table: %s, region: us-east-1}
          endpoints: {dynamodb: "%s", kms: "%s", sts: "%s"}
          access:
            rules:
            - {namespaces: [team-a], applications: [PAYMENTS], sdlcs: [dev]}
        """
            .formatted(table, moto.endpoint(), moto.endpoint(), moto.endpoint()));
    apply(smStore("sm-it", moto.endpoint().toString()));
  }

  @AfterAll
  static void stop() {
    if (operator != null) {
      operator.close();
    }
    aws.close();
  }

  @Test
  void fideliusSecretsSyncIntoAnOwnedSecretAndFollowRotation() {
    String name = "fid-" + suffix();
    SecretId db = SecretId.of("payments", null, "dev", name + "-db_password");
    SecretId key = SecretId.of("payments", null, "dev", name + "-api.key");
    seed(db, "s3cr3t-Pässwörd");
    seed(key, "k-1");

    apply(
        """
        apiVersion: fidelius.dev/v1alpha1
        kind: FideliusSecret
        metadata: {name: %1$s, namespace: team-a}
        spec:
          storeRef: {name: fidelius-it, kind: ClusterFideliusStore}
          application: payments
          sdlc: dev
          refreshInterval: 1s
          data:
          - {name: %1$s-db_password, key: password}
          - {name: %1$s-api.key}
        """
            .formatted(name));

    awaitReady(name);
    Secret secret = secret(name);
    assertThat(value(secret, "password")).isEqualTo("s3cr3t-Pässwörd");
    assertThat(value(secret, name + "-api.key")).isEqualTo("k-1");
    FideliusSecret fsec = fsec(name);
    assertThat(secret.getMetadata().getOwnerReferences())
        .singleElement()
        .satisfies(ref -> assertThat(ref.getUid()).isEqualTo(fsec.getMetadata().getUid()));
    assertThat(secret.getMetadata().getLabels())
        .containsEntry("app.kubernetes.io/managed-by", "fidelius-operator");
    assertThat(secret.getMetadata().getAnnotations())
        .containsEntry("fidelius.dev/data-hash", fsec.getStatus().getDataHash());
    assertThat(fsec.getStatus().getSyncedVersions())
        .containsEntry(name + "-db_password", "1")
        .containsEntry(name + "-api.key", "1");
    assertThat(fsec.getStatus().getTargetSecret()).isEqualTo(name);

    seed(db, "rotated");
    await("rotation reaches the Secret", () -> "rotated".equals(value(secret(name), "password")));
    await(
        "status shows version 2",
        () -> "2".equals(fsec(name).getStatus().getSyncedVersions().get(name + "-db_password")));
  }

  @Test
  void aDeletedOrHandEditedSecretIsRestored() {
    String name = "restore-" + suffix();
    sm.createSecret(b -> b.name("PAYMENTS.dev." + name).secretString("original"));
    apply(fsecYaml(name, "sm-it", name, ""));
    awaitReady(name);

    kube.secrets()
        .inNamespace(NS)
        .withName(name)
        .edit(
            s -> {
              s.getData()
                  .put(
                      name,
                      Base64.getEncoder()
                          .encodeToString("tampered".getBytes(StandardCharsets.UTF_8)));
              return s;
            });
    await("hand edit reverted", () -> "original".equals(value(secret(name), name)));

    kube.secrets().inNamespace(NS).withName(name).delete();
    await("deleted Secret recreated", () -> "original".equals(value(secret(name), name)));
  }

  @Test
  void secretsManagerJsonPropertiesExtractAndTemplate() {
    String name = "sm-" + suffix();
    sm.createSecret(
        b ->
            b.name("PAYMENTS.dev." + name + "-db")
                .secretString("{\"username\":\"app\",\"password\":\"p@ss w/rd\",\"port\":5432}"));
    apply(
        """
        apiVersion: fidelius.dev/v1alpha1
        kind: FideliusSecret
        metadata: {name: %1$s, namespace: team-a}
        spec:
          storeRef: {name: sm-it, kind: ClusterFideliusStore}
          application: PAYMENTS
          sdlc: dev
          data:
          - {name: %1$s-db, property: username, key: username}
          - {name: %1$s-db, property: password, key: password}
          dataFrom:
          - extract: {name: %1$s-db}
            keyPrefix: db_
          target:
            template:
              data:
                url: "postgres://{{ .username }}:{{ .password | urlquery }}@db:{{ .db_port }}/app"
        """
            .formatted(name));

    awaitReady(name);
    Secret secret = secret(name);
    assertThat(value(secret, "username")).isEqualTo("app");
    assertThat(value(secret, "password")).isEqualTo("p@ss w/rd");
    assertThat(value(secret, "db_port")).isEqualTo("5432");
    assertThat(value(secret, "url")).isEqualTo("postgres://app:p%40ss%20w%2Frd@db:5432/app");
  }

  @Test
  void anUnmanagedSecretIsNeverTakenOverButMergeAddsKeys() {
    String name = "legacy-" + suffix();
    sm.createSecret(b -> b.name("PAYMENTS.dev." + name).secretString("merged-value"));
    kube.secrets()
        .inNamespace(NS)
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(NS)
                .addToAnnotations("fidelius.dev/merge-allowed-from", name)
                .endMetadata()
                .addToStringData("other", "keep-me")
                .build())
        .create();
    apply(fsecYaml(name, "sm-it", name, "target: {name: %s}".formatted(name)));

    await("TargetConflict", () -> "TargetConflict".equals(reason(name)));
    assertThat(secret(name).getData()).containsOnlyKeys("other");
    assertThat(ready(name).map(Condition::getMessage).orElse("")).contains("not managed");

    apply(
        fsecYaml(name, "sm-it", name, "target: {name: %s, creationPolicy: Merge}".formatted(name)));
    awaitReady(name);
    Secret merged = secret(name);
    assertThat(value(merged, "other")).isEqualTo("keep-me");
    assertThat(value(merged, name)).isEqualTo("merged-value");
    assertThat(merged.getMetadata().getOwnerReferences()).isEmpty();
  }

  @Test
  void orphanPolicyCreatesASecretWithoutOwner() {
    String name = "orphan-" + suffix();
    sm.createSecret(b -> b.name("PAYMENTS.dev." + name).secretString("v"));
    apply(fsecYaml(name, "sm-it", name, "target: {creationPolicy: Orphan}"));
    awaitReady(name);
    assertThat(secret(name).getMetadata().getOwnerReferences()).isEmpty();
    assertThat(secret(name).getMetadata().getLabels())
        .containsEntry("fidelius.dev/fidelius-secret", name);
  }

  @Test
  void deletionPolicyDecidesWhatAVanishedSourceDoes() {
    String keep = "retain-" + suffix();
    String drop = "delete-" + suffix();
    for (String n : new String[] {keep, drop}) {
      sm.createSecret(b -> b.name("PAYMENTS.dev." + n + "-a").secretString("a"));
      sm.createSecret(b -> b.name("PAYMENTS.dev." + n + "-b").secretString("b"));
    }
    apply(twoKeyFsec(keep, "Retain"));
    apply(twoKeyFsec(drop, "Delete"));
    awaitReady(keep);
    awaitReady(drop);

    sm.deleteSecret(
        b -> b.secretId("PAYMENTS.dev." + keep + "-b").forceDeleteWithoutRecovery(true));
    sm.deleteSecret(
        b -> b.secretId("PAYMENTS.dev." + drop + "-b").forceDeleteWithoutRecovery(true));

    await("Delete removes the key", () -> !secret(drop).getData().containsKey("b"));
    assertThat(value(secret(drop), "a")).isEqualTo("a");
    await("Retain reports NotFound", () -> "NotFound".equals(reason(keep)));
    assertThat(value(secret(keep), "b")).as("Retain keeps the last data").isEqualTo("b");
  }

  @Test
  void anImmutableSecretIsReplacedWhenTheValueRotates() {
    String name = "immutable-" + suffix();
    sm.createSecret(b -> b.name("PAYMENTS.dev." + name).secretString("one"));
    apply(fsecYaml(name, "sm-it", name, "target: {immutable: true}"));
    awaitReady(name);
    assertThat(secret(name).getImmutable()).isTrue();
    String firstUid = secret(name).getMetadata().getUid();

    sm.putSecretValue(b -> b.secretId("PAYMENTS.dev." + name).secretString("two"));
    await("replaced with the new value", () -> "two".equals(value(secret(name), name)));
    assertThat(secret(name).getImmutable()).isTrue();
    assertThat(secret(name).getMetadata().getUid()).isNotEqualTo(firstUid);
  }

  @Test
  void workloadsRestartOncePerChangeAndNotOnUnchangedRefreshes() throws Exception {
    String name = "restart-" + suffix();
    sm.createSecret(b -> b.name("PAYMENTS.dev." + name).secretString("one"));
    Deployment web =
        kube.apps()
            .deployments()
            .inNamespace(NS)
            .resource(
                new DeploymentBuilder()
                    .withNewMetadata()
                    .withName(name)
                    .withNamespace(NS)
                    .endMetadata()
                    .withNewSpec()
                    .withNewSelector()
                    .addToMatchLabels("app", name)
                    .endSelector()
                    .withNewTemplate()
                    .withNewMetadata()
                    .addToLabels("app", name)
                    .endMetadata()
                    .withNewSpec()
                    .addNewContainer()
                    .withName("app")
                    .withImage("example/app:1")
                    .endContainer()
                    .endSpec()
                    .endTemplate()
                    .endSpec()
                    .build())
            .create();
    apply(
        fsecYaml(
            name,
            "sm-it",
            name,
            """
        rolloutRestartTargets:
          - {kind: Deployment, name: %s}"""
                .formatted(name)));
    awaitReady(name);
    long initialGeneration = deployment(name).getMetadata().getGeneration();
    assertThat(initialGeneration)
        .as("the first sync restarts nothing")
        .isEqualTo(web.getMetadata().getGeneration());

    sm.putSecretValue(b -> b.secretId("PAYMENTS.dev." + name).secretString("two"));
    await(
        "restarted for the change",
        () -> deployment(name).getMetadata().getGeneration() == initialGeneration + 1);
    // The restart precedes the status write that records the new hash: wait for the status to catch
    // up.
    await(
        "status records the new hash",
        () ->
            fsec(name)
                .getStatus()
                .getDataHash()
                .equals(
                    deployment(name)
                        .getSpec()
                        .getTemplate()
                        .getMetadata()
                        .getAnnotations()
                        .get("checksum.fidelius.dev/" + name)));
    assertThat(deployment(name).getSpec().getTemplate().getMetadata().getAnnotations())
        .containsKey("kubectl.kubernetes.io/restartedAt");

    // Several 1s refreshes with unchanged data: three more syncs, at least two after the one that
    // restarted.
    new ClusterView(kube, WAIT).awaitMoreSyncs(NS, name, 3);
    assertThat(deployment(name).getMetadata().getGeneration()).isEqualTo(initialGeneration + 1);
  }

  @Test
  void aBackendFailureKeepsTheSyncedDataAndRecovers() {
    String name = "flaky-" + suffix();
    String store = "sm-flaky-" + suffix();
    apply(smStore(store, moto.endpoint().toString()));
    sm.createSecret(b -> b.name("PAYMENTS.dev." + name).secretString("precious"));
    apply(fsecYaml(name, store, name, ""));
    awaitReady(name);
    String resourceVersion = secret(name).getMetadata().getResourceVersion();

    int closedPort = FreePorts.pick();
    apply(smStore(store, "http://127.0.0.1:" + closedPort));
    await("BackendUnavailable", () -> "BackendUnavailable".equals(reason(name)));
    assertThat(value(secret(name), name)).isEqualTo("precious");
    assertThat(secret(name).getMetadata().getResourceVersion()).isEqualTo(resourceVersion);
    assertThat(ready(name).map(Condition::getMessage).orElse("")).doesNotContain("precious");

    apply(smStore(store, moto.endpoint().toString()));
    awaitReady(name);
    assertThat(value(secret(name), name)).isEqualTo("precious");
  }

  @Test
  void aStoreRuleThatDoesNotAdmitTheApplicationDeniesAccess() {
    String name = "denied-" + suffix();
    SecretId other = SecretId.of("payroll", null, "dev", name);
    seed(other, "not-for-team-a");
    apply(
        """
        apiVersion: fidelius.dev/v1alpha1
        kind: FideliusSecret
        metadata: {name: %1$s, namespace: team-a}
        spec:
          storeRef: {name: fidelius-it, kind: ClusterFideliusStore}
          application: payroll
          sdlc: dev
          data: [{name: %1$s}]
        """
            .formatted(name));
    await("AccessDenied", () -> "AccessDenied".equals(reason(name)));
    assertThat(kube.secrets().inNamespace(NS).withName(name).get()).isNull();
  }

  @Test
  void anInvalidSpecSaysWhatIsWrong() {
    String name = "invalid-" + suffix();
    apply(
        """
        apiVersion: fidelius.dev/v1alpha1
        kind: FideliusSecret
        metadata: {name: %1$s, namespace: team-a}
        spec:
          storeRef: {name: sm-it, kind: ClusterFideliusStore}
          application: PAYMENTS
          sdlc: dev
          dataFrom:
          - {find: {}, extract: {name: x}}
        """
            .formatted(name));
    await("InvalidSpec", () -> "InvalidSpec".equals(reason(name)));
    assertThat(ready(name).get().getMessage())
        .contains("spec.dataFrom[0]")
        .contains("exactly one of find or extract");
  }

  @Test
  void restartingTheOperatorRewritesNoUnchangedSecretAndRestartsNoWorkload() throws Exception {
    String name = "stable-" + suffix();
    sm.createSecret(b -> b.name("PAYMENTS.dev." + name).secretString("steady"));
    kube.apps()
        .deployments()
        .inNamespace(NS)
        .resource(
            new DeploymentBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(NS)
                .endMetadata()
                .withNewSpec()
                .withNewSelector()
                .addToMatchLabels("app", name)
                .endSelector()
                .withNewTemplate()
                .withNewMetadata()
                .addToLabels("app", name)
                .endMetadata()
                .withNewSpec()
                .addNewContainer()
                .withName("app")
                .withImage("example/app:1")
                .endContainer()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build())
        .create();
    apply(
        fsecYaml(
            name,
            "sm-it",
            name,
            """
        rolloutRestartTargets:
          - {kind: Deployment, name: %s}"""
                .formatted(name)));
    awaitReady(name);
    String secretVersion = secret(name).getMetadata().getResourceVersion();
    long generation = deployment(name).getMetadata().getGeneration();

    operator.stop();
    operator.start();
    // Every sync from here on is the new operator's: two more, so that its first (the one that
    // would rewrite or restart) has completed, whatever the old one wrote last.
    new ClusterView(kube, WAIT).awaitMoreSyncs(NS, name, 2);
    assertThat(secret(name).getMetadata().getResourceVersion()).isEqualTo(secretVersion);
    assertThat(deployment(name).getMetadata().getGeneration()).isEqualTo(generation);
  }

  // ---------------------------------------------------------------------------------------------------------

  private static String smStore(String name, String endpoint) {
    return """
        apiVersion: fidelius.dev/v1alpha1
        kind: ClusterFideliusStore
        metadata: {name: %s}
        spec:
          provider:
            secretsManager: {region: us-east-1}
          endpoints: {secretsManager: "%s", sts: "%s"}
          access:
            rules:
            - {namespaces: [team-a], applications: ["*"], sdlcs: [dev]}
        """
        .formatted(name, endpoint, endpoint);
  }

  private static String fsecYaml(String name, String store, String secretName, String extra) {
    return """
        apiVersion: fidelius.dev/v1alpha1
        kind: FideliusSecret
        metadata: {name: %s, namespace: team-a}
        spec:
          storeRef: {name: %s, kind: ClusterFideliusStore}
          application: PAYMENTS
          sdlc: dev
          refreshInterval: 1s
          data: [{name: %s}]
          %s
        """
        .formatted(name, store, secretName, extra.replace("\n", "\n  "));
  }

  private static String twoKeyFsec(String name, String deletionPolicy) {
    return """
        apiVersion: fidelius.dev/v1alpha1
        kind: FideliusSecret
        metadata: {name: %1$s, namespace: team-a}
        spec:
          storeRef: {name: sm-it, kind: ClusterFideliusStore}
          application: PAYMENTS
          sdlc: dev
          refreshInterval: 1s
          data: [{name: %1$s-a, key: a}, {name: %1$s-b, key: b}]
          target: {deletionPolicy: %2$s}
        """
        .formatted(name, deletionPolicy);
  }

  private static void apply(String yaml) {
    Object parsed = Serialization.unmarshal(yaml);
    if (parsed instanceof ClusterFideliusStore store) {
      kube.resource(store).serverSideApply();
    } else {
      kube.resource((io.fabric8.kubernetes.api.model.HasMetadata) parsed).serverSideApply();
    }
  }

  private static FideliusSecret fsec(String name) {
    return kube.resources(FideliusSecret.class).inNamespace(NS).withName(name).get();
  }

  private static Secret secret(String name) {
    return kube.secrets().inNamespace(NS).withName(name).get();
  }

  private static Deployment deployment(String name) {
    return kube.apps().deployments().inNamespace(NS).withName(name).get();
  }

  private static Optional<Condition> ready(String name) {
    FideliusSecret f = fsec(name);
    if (f == null || f.getStatus() == null || f.getStatus().getConditions() == null) {
      return Optional.empty();
    }
    return f.getStatus().getConditions().stream()
        .filter(c -> "Ready".equals(c.getType()))
        .findFirst();
  }

  private static String reason(String name) {
    return ready(name).map(Condition::getReason).orElse(null);
  }

  private static void awaitReady(String name) {
    await(name + " Ready", () -> ready(name).map(c -> "True".equals(c.getStatus())).orElse(false));
  }

  private static String value(Secret secret, String key) {
    String encoded = secret == null || secret.getData() == null ? null : secret.getData().get(key);
    return encoded == null
        ? null
        : new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
  }

  private static void await(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      try {
        if (condition.getAsBoolean()) {
          return;
        }
      } catch (RuntimeException notYet) {
        // the resource may not exist yet
      }
      sleep();
    }
    throw new AssertionError("timed out waiting for " + what);
  }

  private static void sleep() {
    try {
      Thread.sleep(200);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  private static String suffix() {
    return UUID.randomUUID().toString().substring(0, 6);
  }

  private static void seed(SecretId id, String value) {
    fidelius.put(id, value, fideliusTable, fideliusKey);
  }
}
