package dev.fidelius.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fidelius.operator.api.ClusterFideliusStore;
import dev.fidelius.operator.backend.SecretId;
import dev.fidelius.operator.testsupport.AwsTestClients;
import dev.fidelius.operator.testsupport.FideliusSdk;
import dev.fidelius.operator.testsupport.KubeApiServer;
import dev.fidelius.operator.testsupport.MotoServer;
import dev.fidelius.operator.testsupport.TestServers;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.net.URI;
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
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Change events end to end: with refreshInterval 1h, a rotation still reaches the Secret within
 * seconds because the operator hears of it (the Fidelius table's DynamoDB stream, in moto), not
 * because it polls.
 */
@ExtendWith(TestServers.class)
class ChangeEventsIT {

  private static final String NS = "events";

  /**
   * What "within seconds" means here: far below the hour of refreshInterval, with room for a slow
   * CI.
   */
  private static final Duration ROTATION_DEADLINE = Duration.ofSeconds(5);

  private static OperatorHarness operator;
  private static KubernetesClient kube;
  private static AwsTestClients aws;
  private static FideliusSdk fidelius;
  private static String fideliusTable;
  private static String fideliusKey;
  private static SecretsManagerClient sm;
  private static SqsClient sqs;
  private static String queueUrl;
  private static URI motoEndpoint;

  @BeforeAll
  static void start(KubeApiServer server, MotoServer moto) {
    aws = new AwsTestClients();
    String table = "events-it-" + UUID.randomUUID().toString().substring(0, 8);
    DynamoDbClient ddb = aws.dynamoDb(moto.endpoint());
    createTableWithStream(ddb, table);
    KmsClient kms = aws.kms(moto.endpoint());
    String keyId = kms.createKey(b -> b.description("events IT")).keyMetadata().keyId();
    fidelius = new FideliusSdk(moto.endpoint(), moto.endpoint());
    fideliusTable = table;
    fideliusKey = keyId;

    motoEndpoint = moto.endpoint();
    sm = aws.secretsManager(moto.endpoint());
    sqs =
        aws.factory().sqs(MotoServer.REGION, MotoServer.CREDENTIALS, Optional.of(moto.endpoint()));
    queueUrl =
        sqs.createQueue(
                b -> b.queueName("events-it-" + UUID.randomUUID().toString().substring(0, 8)))
            .queueUrl();

    operator = new OperatorHarness(server, Map.of()).start();
    kube = operator.client();
    operator.namespace(NS, Map.of());
    apply(
        """
        apiVersion: fidelius.dev/v1alpha1
        kind: ClusterFideliusStore
        metadata: {name: events-fidelius}
        spec:
          provider:
            dynamodb: {table: %s, region: us-east-1}
          endpoints: {dynamodb: "%2$s", kms: "%2$s", sts: "%2$s"}
          access:
            rules:
            - {namespaces: [events], applications: [PAYMENTS], sdlcs: [dev]}
        """
            .formatted(table, moto.endpoint()));
    apply(smStore("events-sm", queueUrl));
  }

  @AfterAll
  static void stop() {
    if (operator != null) {
      operator.close();
    }
    aws.close();
  }

  @Test
  void aRotationInATableWithAStreamArrivesWithinSecondsDespiteAnHourlyRefresh() {
    String name = "stream-" + UUID.randomUUID().toString().substring(0, 6);
    SecretId db = SecretId.of("payments", null, "dev", name + "-db");
    fidelius.put(db, "v1", fideliusTable, fideliusKey);
    apply(
        """
        apiVersion: fidelius.dev/v1alpha1
        kind: FideliusSecret
        metadata: {name: %1$s, namespace: events}
        spec:
          storeRef: {name: events-fidelius, kind: ClusterFideliusStore}
          application: payments
          sdlc: dev
          refreshInterval: 1h
          data:
          - {name: %1$s-db, key: password}
        """
            .formatted(name));
    await(Duration.ofSeconds(45), name + " synced", () -> "v1".equals(value(name, "password")));
    await(Duration.ofSeconds(45), "the stream is live", () -> storeLive("events-fidelius"));

    long started = System.nanoTime();
    fidelius.put(db, "v2", fideliusTable, fideliusKey);
    await(
        ROTATION_DEADLINE,
        "the rotation reaches the Secret",
        () -> "v2".equals(value(name, "password")));
    long millis = (System.nanoTime() - started) / 1_000_000;
    System.out.println("[ChangeEventsIT] Fidelius stream rotation latency: " + millis + " ms");
  }

  @Test
  void aSecretsManagerRotationAnnouncedOnTheQueueArrivesWithinSecondsDespiteAnHourlyRefresh() {
    String name = "queue-" + UUID.randomUUID().toString().substring(0, 6);
    String secretName = "PAYMENTS.dev." + name;
    String arn = sm.createSecret(b -> b.name(secretName).secretString("v1")).arn();
    apply(smSecret(name, "events-sm"));
    await(Duration.ofSeconds(45), name + " synced", () -> "v1".equals(value(name, "password")));
    await(Duration.ofSeconds(45), "the queue is live", () -> storeLive("events-sm"));

    long started = System.nanoTime();
    String versionId =
        sm.putSecretValue(b -> b.secretId(secretName).secretString("v2")).versionId();
    // What EventBridge would deliver for the rotation: Secrets Manager's own event, ARN in
    // resources.
    sqs.sendMessage(
        b ->
            b.queueUrl(queueUrl)
                .messageBody(
                    """
        {"version":"0","id":"e1","detail-type":"Secret Label Updated","source":"aws.secretsmanager",
         "account":"123456789012","time":"2026-12-01T12:00:00Z","region":"us-east-1","resources":["%s"],
         "detail":{"name":"%s","labelUpdated":"AWSCURRENT","versionId":"%s"}}"""
                        .formatted(arn, secretName, versionId)));
    await(
        ROTATION_DEADLINE,
        "the rotation reaches the Secret",
        () -> "v2".equals(value(name, "password")));
    System.out.println(
        "[ChangeEventsIT] Secrets Manager queue rotation latency: "
            + (System.nanoTime() - started) / 1_000_000
            + " ms");
    await(
        Duration.ofSeconds(30),
        "the message was deleted",
        () ->
            "0"
                .equals(
                    sqs
                            .getQueueAttributes(
                                b ->
                                    b.queueUrl(queueUrl)
                                        .attributeNamesWithStrings(
                                            "ApproximateNumberOfMessages",
                                            "ApproximateNumberOfMessagesNotVisible"))
                            .attributesAsStrings()
                            .entrySet()
                            .stream()
                            .mapToInt(e -> Integer.parseInt(e.getValue()))
                            .sum()
                        + ""));
  }

  @Test
  void aQueueDeletedMidRunTurnsTheStoreBackToPollingAndSaysSo() {
    String doomedUrl =
        sqs.createQueue(b -> b.queueName("doomed-" + UUID.randomUUID().toString().substring(0, 8)))
            .queueUrl();
    String name = "doomed-" + UUID.randomUUID().toString().substring(0, 6);
    sm.createSecret(b -> b.name("PAYMENTS.dev." + name).secretString("v1"));
    apply(smStore("events-doomed", doomedUrl));
    apply(smSecret(name, "events-doomed"));
    await(Duration.ofSeconds(45), name + " synced", () -> "v1".equals(value(name, "password")));
    await(Duration.ofSeconds(45), "the queue is live", () -> storeLive("events-doomed"));

    sqs.deleteQueue(b -> b.queueUrl(doomedUrl));

    await(
        Duration.ofSeconds(60),
        "the store says events stopped",
        () ->
            changeEvents("events-doomed")
                .map(c -> "False".equals(c.getStatus()) && !"Live".equals(c.getReason()))
                .orElse(false));
    assertThat(value(name, "password")).isEqualTo("v1"); // nothing synced before is lost
  }

  private static boolean storeLive(String store) {
    return changeEvents(store).map(c -> "True".equals(c.getStatus())).orElse(false);
  }

  private static Optional<Condition> changeEvents(String store) {
    ClusterFideliusStore s = kube.resources(ClusterFideliusStore.class).withName(store).get();
    if (s == null || s.getStatus() == null || s.getStatus().getConditions() == null) {
      return Optional.empty();
    }
    return s.getStatus().getConditions().stream()
        .filter(c -> "ChangeEvents".equals(c.getType()))
        .findFirst();
  }

  private static String smStore(String name, String queue) {
    return """
        apiVersion: fidelius.dev/v1alpha1
        kind: ClusterFideliusStore
        metadata: {name: %1$s}
        spec:
          provider:
            secretsManager: {region: us-east-1}
          endpoints: {secretsManager: "%2$s", sts: "%2$s"}
          changeEvents:
            sqs: {queueUrl: "%3$s", endpoint: "%2$s"}
          access:
            rules:
            - {namespaces: [events], applications: ["*"], sdlcs: [dev]}
        """
        .formatted(name, motoEndpoint, queue);
  }

  private static String smSecret(String name, String store) {
    return """
        apiVersion: fidelius.dev/v1alpha1
        kind: FideliusSecret
        metadata: {name: %1$s, namespace: events}
        spec:
          storeRef: {name: %2$s, kind: ClusterFideliusStore}
          application: PAYMENTS
          sdlc: dev
          refreshInterval: 1h
          data:
          - {name: %1$s, key: password}
        """
        .formatted(name, store);
  }

  private static void createTableWithStream(DynamoDbClient dynamo, String table) {
    dynamo.createTable(
        b ->
            b.tableName(table)
                .keySchema(
                    KeySchemaElement.builder().attributeName("name").keyType(KeyType.HASH).build(),
                    KeySchemaElement.builder()
                        .attributeName("version")
                        .keyType(KeyType.RANGE)
                        .build())
                .attributeDefinitions(
                    AttributeDefinition.builder()
                        .attributeName("name")
                        .attributeType(ScalarAttributeType.S)
                        .build(),
                    AttributeDefinition.builder()
                        .attributeName("version")
                        .attributeType(ScalarAttributeType.S)
                        .build())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .streamSpecification(
                    s -> s.streamEnabled(true).streamViewType(StreamViewType.KEYS_ONLY)));
  }

  private static void apply(String yaml) {
    Object parsed = Serialization.unmarshal(yaml);
    if (parsed instanceof ClusterFideliusStore store) {
      kube.resource(store).serverSideApply();
    } else {
      kube.resource((HasMetadata) parsed).serverSideApply();
    }
  }

  private static String value(String secretName, String key) {
    Secret secret = kube.secrets().inNamespace(NS).withName(secretName).get();
    String encoded = secret == null || secret.getData() == null ? null : secret.getData().get(key);
    return encoded == null
        ? null
        : new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
  }

  private static void await(Duration wait, String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + wait.toNanos();
    while (System.nanoTime() < deadline) {
      try {
        if (condition.getAsBoolean()) {
          return;
        }
      } catch (RuntimeException notYet) {
        // not there yet
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for " + what);
      }
    }
    throw new AssertionError("timed out after " + wait + " waiting for " + what);
  }
}
