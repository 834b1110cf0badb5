package dev.fidelius.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fidelius.operator.api.ClusterFideliusStore;
import dev.fidelius.operator.api.FideliusSecret;
import dev.fidelius.operator.backend.SecretId;
import dev.fidelius.operator.testsupport.AwsTestClients;
import dev.fidelius.operator.testsupport.FideliusSdk;
import dev.fidelius.operator.testsupport.KubeApiServer;
import dev.fidelius.operator.testsupport.MotoServer;
import dev.fidelius.operator.testsupport.TestServers;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
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

/**
 * Rotations written back to back through the table's stream must all arrive (issue 15): 200
 * FideliusSecrets with {@code refreshInterval: 1h}, then 100 rotations one after another, 30 names
 * rotated twice in quick succession (the second write often lands while the first one's sync runs).
 * With an hour between sweeps, a record that is lost, or whose sync pins the version from before
 * it, would leave its Secret behind until the deadline.
 */
@ExtendWith(TestServers.class)
class ChangeEventStreamLossIT {

  private static final String NS = "streamloss";
  private static final int N = 200;
  private static final int TWICE = 30;
  private static final int ONCE = 40;

  private static OperatorHarness operator;
  private static KubernetesClient kube;
  private static AwsTestClients aws;
  private static String table;
  private static String keyId;
  private static FideliusSdk writer;

  @BeforeAll
  static void start(KubeApiServer server, MotoServer moto) {
    aws = new AwsTestClients();
    table = "streamloss-it-" + UUID.randomUUID().toString().substring(0, 8);
    createTableWithStream(aws.dynamoDb(moto.endpoint()), table);
    keyId =
        aws.kms(moto.endpoint())
            .createKey(b -> b.description("stream loss IT"))
            .keyMetadata()
            .keyId();
    writer = new FideliusSdk(moto.endpoint(), moto.endpoint());
    operator = new OperatorHarness(server, Map.of()).start();
    kube = operator.client();
    operator.namespace(NS, Map.of());
    kube.resource(
            Serialization.unmarshal(
                """
                apiVersion: fidelius.dev/v1alpha1
                kind: ClusterFideliusStore
                metadata: {name: streamloss-fidelius}
                spec:
                  provider:
                    dynamodb: {table: %s, region: us-east-1}
                  endpoints: {dynamodb: "%2$s", kms: "%2$s", sts: "%2$s"}
                  access:
                    rules:
                    - {namespaces: [streamloss], applications: [LOSS], sdlcs: [dev]}
                """
                    .formatted(table, moto.endpoint()),
                ClusterFideliusStore.class))
        .serverSideApply();
  }

  @AfterAll
  static void stop() {
    if (operator != null) {
      operator.close();
    }
    aws.close();
  }

  @Test
  void everyRotationWrittenBackToBackArrives() {
    List<String> names = IntStream.range(0, N).mapToObj(i -> "loss-%03d".formatted(i)).toList();
    for (String name : names) {
      put(name, "v1");
    }
    for (String name : names) {
      kube.resource(fideliusSecret(name)).serverSideApply();
    }
    await(
        Duration.ofMinutes(4),
        "all " + N + " Secrets synced",
        () -> holding().size() == N && holding().values().stream().allMatch("v1"::equals));
    await(Duration.ofSeconds(60), "the stream is live", ChangeEventStreamLossIT::storeLive);

    Map<String, String> expected = new LinkedHashMap<>();
    long started = System.nanoTime();
    for (int i = 0; i < TWICE + ONCE; i++) {
      String name = names.get(i * 2); // spread over the resources
      put(name, "v2-" + i);
      expected.put(name, "v2-" + i);
      if (i < TWICE) {
        put(name, "v3-" + i); // again at once: often while the first write's sync runs
        expected.put(name, "v3-" + i);
      }
    }
    long written = System.nanoTime();
    try {
      await(
          Duration.ofMinutes(2),
          "every Secret at its last written version",
          () -> {
            Map<String, String> held = holding();
            return expected.entrySet().stream()
                .allMatch(e -> e.getValue().equals(held.get(e.getKey())));
          });
    } finally {
      Map<String, String> held = holding();
      long behind =
          expected.entrySet().stream()
              .filter(e -> !e.getValue().equals(held.get(e.getKey())))
              .count();
      System.out.printf(
          "[ChangeEventStreamLossIT] %d rotations written in %d ms; %d of %d Secrets behind after"
              + " %d ms%n",
          TWICE * 2 + ONCE,
          (written - started) / 1_000_000,
          behind,
          expected.size(),
          (System.nanoTime() - started) / 1_000_000);
    }
    Map<String, String> held = holding();
    assertThat(names.stream().filter(n -> !expected.containsKey(n)))
        .as("Secrets nobody rotated")
        .allSatisfy(n -> assertThat(held.get(n)).isEqualTo("v1"));
  }

  private static void put(String name, String value) {
    writer.put(SecretId.of("LOSS", null, "dev", name), value, table, keyId);
  }

  /** The value each Secret holds, in one list call. */
  private static Map<String, String> holding() {
    Map<String, String> held = new HashMap<>();
    for (Secret s : kube.secrets().inNamespace(NS).list().getItems()) {
      if (s.getData() != null && s.getData().get("password") != null) {
        held.put(
            s.getMetadata().getName(),
            new String(
                Base64.getDecoder().decode(s.getData().get("password")), StandardCharsets.UTF_8));
      }
    }
    return held;
  }

  private static boolean storeLive() {
    ClusterFideliusStore s =
        kube.resources(ClusterFideliusStore.class).withName("streamloss-fidelius").get();
    return s != null
        && s.getStatus() != null
        && s.getStatus().getConditions() != null
        && s.getStatus().getConditions().stream()
            .filter(c -> "ChangeEvents".equals(c.getType()))
            .map(Condition::getStatus)
            .anyMatch("True"::equals);
  }

  private static FideliusSecret fideliusSecret(String name) {
    return Serialization.unmarshal(
        """
        apiVersion: fidelius.dev/v1alpha1
        kind: FideliusSecret
        metadata: {name: %1$s, namespace: streamloss}
        spec:
          storeRef: {name: streamloss-fidelius, kind: ClusterFideliusStore}
          application: LOSS
          sdlc: dev
          refreshInterval: 1h
          data:
          - {name: %1$s, key: password}
        """
            .formatted(name),
        FideliusSecret.class);
  }

  private static void createTableWithStream(DynamoDbClient dynamo, String name) {
    dynamo.createTable(
        b ->
            b.tableName(name)
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

  /** Polls every half second: each poll lists 500 objects, so not faster. */
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
        Thread.sleep(500);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for " + what);
      }
    }
    throw new AssertionError("timed out after " + wait + " waiting for " + what);
  }
}
