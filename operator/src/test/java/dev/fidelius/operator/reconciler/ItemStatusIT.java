package dev.fidelius.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fidelius.operator.api.FideliusSecret;
import dev.fidelius.operator.api.SourceItemStatus;
import dev.fidelius.operator.backend.SecretId;
import dev.fidelius.operator.testsupport.AwsTestClients;
import dev.fidelius.operator.testsupport.FideliusSdk;
import dev.fidelius.operator.testsupport.FideliusTables;
import dev.fidelius.operator.testsupport.KubeApiServer;
import dev.fidelius.operator.testsupport.MotoServer;
import dev.fidelius.operator.testsupport.TestServers;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
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
 * What each source of a FideliusSecret is doing, as a user reads it from status on a real API
 * server: per-item states with the store's author and change time, the ITEMS column, and force sync
 * by annotation.
 */
@ExtendWith(TestServers.class)
class ItemStatusIT {

  private static final String NS = "items";
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
    String table = "fidelius-items-it-" + suffix();
    DynamoDbClient ddb = aws.dynamoDb(moto.endpoint());
    FideliusTables.create(ddb, table);
    KmsClient kms = aws.kms(moto.endpoint());
    String keyId = kms.createKey(b -> b.description("item status IT")).keyMetadata().keyId();
    // Seeded through the real Fidelius SDK, which records the writer (STS GetCallerIdentity) as
    // updatedBy.
    fidelius = new FideliusSdk(moto.endpoint(), moto.endpoint());
    fideliusTable = table;
    fideliusKey = keyId;

    operator = new OperatorHarness(server, Map.of()).start();
    kube = operator.client();
    operator.namespace(NS, Map.of());
    apply(
        """
        apiVersion: fidelius.dev/v1alpha1
        kind: ClusterFideliusStore
        metadata: {name: fidelius-items}
        spec:
          provider:
            dynamodb: {table: %s, region: us-east-1}
          endpoints: {dynamodb: "%s", kms: "%s", sts: "%s"}
          access:
            rules:
            - {namespaces: [items], applications: [PAYMENTS], sdlcs: [dev]}
        """
            .formatted(table, moto.endpoint(), moto.endpoint(), moto.endpoint()));
  }

  @AfterAll
  static void stop() {
    if (operator != null) {
      operator.close();
    }
    aws.close();
  }

  @Test
  void eachItemShowsItsStateAuthorAndChangeTimeWithoutAnyValue() {
    String name = "fid-" + suffix();
    seed(SecretId.of("payments", null, "dev", name + "-db"), "v-db-1");
    seed(SecretId.of("payments", null, "dev", name + "-key"), "v-key-1");
    apply(
        """
        apiVersion: fidelius.dev/v1alpha1
        kind: FideliusSecret
        metadata: {name: %1$s, namespace: items}
        spec:
          storeRef: {name: fidelius-items, kind: ClusterFideliusStore}
          application: payments
          sdlc: dev
          refreshInterval: 1s
          data:
          - {name: %1$s-db, key: password}
          - {name: %1$s-key}
          - {name: %1$s-later}
        """
            .formatted(name));

    await("one item NotFound, nothing written", () -> "0/3".equals(summary(name)));
    List<SourceItemStatus> items = fsec(name).getStatus().getItems();
    assertThat(items)
        .extracting(SourceItemStatus::getState)
        .containsExactly("Pending", "Pending", "NotFound");
    assertThat(items.get(2).getMessage()).contains(name + "-later");
    assertThat(reason(name)).isEqualTo("NotFound");

    seed(SecretId.of("payments", null, "dev", name + "-later"), "v-later-1");
    await("all three synced", () -> "3/3".equals(summary(name)));
    FideliusSecret synced = fsec(name);
    assertThat(synced.getStatus().getItems())
        .allSatisfy(
            i -> {
              assertThat(i.getState()).isEqualTo("Synced");
              assertThat(i.getSource()).isEqualTo("data");
              assertThat(i.getVersion()).isEqualTo("1");
              assertThat(i.getUpdatedBy()).as("the writer Fidelius recorded").isNotBlank();
              assertThat(i.getUpdatedOn()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
              assertThat(i.getMessage()).isNull();
            });
    assertThat(synced.getStatus().getItems().get(0).getKeys()).containsExactly("password");
    assertThat(Serialization.asJson(synced.getStatus()))
        .doesNotContain("v-db-1")
        .doesNotContain("v-key-1")
        .doesNotContain("v-later-1");
  }

  @Test
  void aPartialFailureShowsOnItsItemWhileTheSecretKeepsItsData() {
    String name = "sm-" + suffix();
    String store = "sm-items-" + suffix();
    apply(smStore(store));
    for (String s : List.of("a", "b", "c")) {
      sm.createSecret(b -> b.name("PAYMENTS.dev." + name + "-" + s).secretString("value-" + s));
    }
    apply(fsecYaml(name, store, "1s", List.of(name + "-a", name + "-b", name + "-c")));
    await("3/3", () -> "3/3".equals(summary(name)));
    assertThat(fsec(name).getStatus().getItems())
        .allSatisfy(
            i ->
                assertThat(i.getUpdatedOn())
                    .as("Secrets Manager's version creation date")
                    .isNotNull());

    sm.deleteSecret(
        b -> b.secretId("PAYMENTS.dev." + name + "-b").forceDeleteWithoutRecovery(true));

    await("2/3", () -> "2/3".equals(summary(name)));
    List<SourceItemStatus> items = fsec(name).getStatus().getItems();
    assertThat(items)
        .extracting(SourceItemStatus::getState)
        .containsExactly("Synced", "NotFound", "Synced");
    assertThat(items.get(1).getVersion()).as("the version the Secret still holds").isNotNull();
    assertThat(reason(name)).isEqualTo("NotFound");
    assertThat(value(secret(name), name + "-b")).isEqualTo("value-b");
  }

  @Test
  void theItemsColumnShowsInKubectlGet() {
    var crd =
        kube.apiextensions()
            .v1()
            .customResourceDefinitions()
            .withName("fideliussecrets.fidelius.dev")
            .get();
    assertThat(crd.getSpec().getVersions().get(0).getAdditionalPrinterColumns())
        .anySatisfy(
            c -> {
              assertThat(c.getName()).isEqualTo("Items");
              assertThat(c.getJsonPath()).isEqualTo(".status.itemsSummary");
            });
  }

  @Test
  void aNewForceSyncValueBringsARotationBehindALongRefreshIntervalAtOnce() {
    String name = "force-" + suffix();
    String store =
        "sm-force-" + suffix(); // its own store: no other resource's sweep sees the rotation
    apply(smStore(store));
    sm.createSecret(b -> b.name("PAYMENTS.dev." + name).secretString("before"));
    apply(fsecYaml(name, store, "1h", List.of(name)));
    await("Ready", () -> "1/1".equals(summary(name)));
    assertThat(value(secret(name), name)).isEqualTo("before");

    // The Secret's creation triggers one more reconcile (its informer event), which reads directly
    // while the store has no sweep snapshot yet. Once the first sweep has one, every reconcile that
    // is not forced pins its reads to it, so the rotation below lands behind the 1h interval only.
    // The store's first sweep is due an interval (1h) after its first sync: the test runs it now.
    operator.runtime().changeEvents().sweeper().sweepAllNow();
    assertThat(swept(store)).as("the first sweep of " + store).isTrue();
    sm.putSecretValue(b -> b.secretId("PAYMENTS.dev." + name).secretString("after"));
    // The premise: with a 1h interval, a reconcile that began after the rotation (a spec edit, seen
    // when status records its generation) does not pick it up by itself.
    apply(fsecYaml(name, store, "2h", List.of(name)));
    long edited = fsec(name).getMetadata().getGeneration();
    await(
        "the edit reconciled",
        () -> Long.valueOf(edited).equals(fsec(name).getStatus().getObservedGeneration()));
    assertThat(value(secret(name), name)).isEqualTo("before");

    annotate(name, "1");
    await("the rotation arrives", () -> "after".equals(value(secret(name), name)));
    await(
        "status records the honoured value",
        () -> "1".equals(fsec(name).getStatus().getForceSyncHonoured()));

    sm.putSecretValue(b -> b.secretId("PAYMENTS.dev." + name).secretString("again"));
    annotate(name, "2");
    await("a second value forces again", () -> "again".equals(value(secret(name), name)));
    await("status records 2", () -> "2".equals(fsec(name).getStatus().getForceSyncHonoured()));
  }

  // ---------------------------------------------------------------------------------------------------------

  private static void seed(SecretId id, String value) {
    fidelius.put(id, value, fideliusTable, fideliusKey);
  }

  private static void annotate(String name, String value) {
    // As kubectl annotate --overwrite does: a merge patch, no resourceVersion to race the
    // operator's status writes.
    kube.resources(FideliusSecret.class)
        .inNamespace(NS)
        .withName(name)
        .patch(
            PatchContext.of(PatchType.JSON_MERGE),
            "{\"metadata\":{\"annotations\":{\"fidelius.dev/force-sync\":\"" + value + "\"}}}");
  }

  /** Whether the change sweep of a store's backend has taken a snapshot of its versions. */
  private static boolean swept(String store) {
    var sweeper = operator.runtime().changeEvents().sweeper();
    return sweeper.backendKeys().stream()
        .filter(key -> store.equals(key.store().name()))
        .anyMatch(key -> sweeper.snapshot(key).isPresent());
  }

  private static String smStore(String name) {
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
            - {namespaces: [items], applications: ["*"], sdlcs: [dev]}
        """
        .formatted(name, moto.endpoint(), moto.endpoint());
  }

  private static String fsecYaml(String name, String store, String refresh, List<String> secrets) {
    StringBuilder data = new StringBuilder();
    secrets.forEach(s -> data.append("\n  - {name: ").append(s).append("}"));
    return """
        apiVersion: fidelius.dev/v1alpha1
        kind: FideliusSecret
        metadata: {name: %s, namespace: items}
        spec:
          storeRef: {name: %s, kind: ClusterFideliusStore}
          application: PAYMENTS
          sdlc: dev
          refreshInterval: %s
          data:%s
        """
        .formatted(name, store, refresh, data);
  }

  private static void apply(String yaml) {
    kube.resource((HasMetadata) Serialization.unmarshal(yaml)).serverSideApply();
  }

  private static FideliusSecret fsec(String name) {
    return kube.resources(FideliusSecret.class).inNamespace(NS).withName(name).get();
  }

  private static String summary(String name) {
    FideliusSecret f = fsec(name);
    return f == null || f.getStatus() == null ? null : f.getStatus().getItemsSummary();
  }

  private static Secret secret(String name) {
    return kube.secrets().inNamespace(NS).withName(name).get();
  }

  private static String reason(String name) {
    FideliusSecret f = fsec(name);
    return f.getStatus().getConditions().stream()
        .filter(c -> "Ready".equals(c.getType()))
        .map(Condition::getReason)
        .findFirst()
        .orElse(null);
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
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted", e);
      }
    }
    throw new AssertionError("timed out waiting for " + what);
  }

  private static String suffix() {
    return UUID.randomUUID().toString().substring(0, 6);
  }
}
