package dev.fidelius.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fidelius.operator.api.ApiGroup;
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
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
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
 * A burst of 500 rotations delivered by change events: 500 FideliusSecrets, each reading its own
 * secret of a Fidelius table with a stream and restarting its own Deployment, all with {@code
 * refreshInterval: 1h}; every secret is rotated once, as fast as the writers can. Each Secret must
 * then hold the new value, having been updated exactly once, and each Deployment must have been
 * restarted exactly once (its generation moves only with its pod template).
 */
@ExtendWith(TestServers.class)
class ChangeEventBurstIT {

  private static final String NS = "burst";
  private static final int N = 500;
  private static final int WRITERS = 4;

  private static OperatorHarness operator;
  private static KubernetesClient kube;
  private static AwsTestClients aws;
  private static String table;
  private static String keyId;
  private static List<FideliusSdk> writers;

  @BeforeAll
  static void start(KubeApiServer server, MotoServer moto) {
    aws = new AwsTestClients();
    table = "burst-it-" + UUID.randomUUID().toString().substring(0, 8);
    createTableWithStream(aws.dynamoDb(moto.endpoint()), table);
    keyId =
        aws.kms(moto.endpoint()).createKey(b -> b.description("burst IT")).keyMetadata().keyId();
    writers =
        IntStream.range(0, WRITERS)
            .mapToObj(i -> new FideliusSdk(moto.endpoint(), moto.endpoint()))
            .toList();
    operator = new OperatorHarness(server, Map.of()).start();
    kube = operator.client();
    operator.namespace(NS, Map.of());
    kube.resource(
            Serialization.unmarshal(
                """
                apiVersion: fidelius.dev/v1alpha1
                kind: ClusterFideliusStore
                metadata: {name: burst-fidelius}
                spec:
                  provider:
                    dynamodb: {table: %s, region: us-east-1}
                  endpoints: {dynamodb: "%2$s", kms: "%2$s", sts: "%2$s"}
                  access:
                    rules:
                    - {namespaces: [burst], applications: [BURST], sdlcs: [dev]}
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
  void fiveHundredRotationsUpdateEachSecretOnceAndRestartEachWorkloadOnce() throws Exception {
    List<String> names = IntStream.range(0, N).mapToObj(i -> "burst-%03d".formatted(i)).toList();
    long setUpStarted = System.nanoTime();
    writeAll(names, "v1");
    for (String name : names) {
      createDeployment(name);
      kube.resource(fideliusSecret(name)).serverSideApply();
    }
    await(Duration.ofMinutes(5), "all " + N + " Secrets synced", () -> holding("v1") == N);
    await(Duration.ofSeconds(60), "the stream is live", ChangeEventBurstIT::storeLive);
    await(Duration.ofSeconds(60), "no restart waits", () -> restartsPending() == 0);
    System.out.printf(
        "[ChangeEventBurstIT] set up %d FideliusSecrets in %d s%n",
        N, Duration.ofNanos(System.nanoTime() - setUpStarted).toSeconds());

    Map<String, Long> generations = generations();
    Map<String, AtomicInteger> dataChanges = new ConcurrentHashMap<>();
    try (Watch watch = watchDataChanges(dataChanges)) {
      long started = System.nanoTime();
      writeAll(names, "v2");
      long written = System.nanoTime();
      await(Duration.ofMinutes(3), "all " + N + " rotations arrived", () -> holding("v2") == N);
      long arrived = System.nanoTime();
      await(
          Duration.ofMinutes(2),
          "every Deployment restarted",
          () ->
              generations().entrySet().stream()
                  .allMatch(e -> e.getValue() > generations.get(e.getKey())));
      await(Duration.ofSeconds(60), "no restart waits", () -> restartsPending() == 0);
      System.out.printf(
          "[ChangeEventBurstIT] %d rotations written in %d ms; all Secrets held them %d ms after"
              + " the first write (%d ms after the last)%n",
          N,
          (written - started) / 1_000_000,
          (arrived - started) / 1_000_000,
          (arrived - written) / 1_000_000);

      Map<String, Long> after = generations();
      assertThat(names)
          .allSatisfy(
              name ->
                  assertThat(after.get(name) - generations.get(name))
                      .as("restarts of %s", name)
                      .isEqualTo(1));
      assertThat(names)
          .allSatisfy(
              name ->
                  assertThat(dataChanges.getOrDefault(name, new AtomicInteger()).get())
                      .as("data changes of Secret %s", name)
                      .isEqualTo(1));
    }
  }

  /** Writes a new version of every name, on a few writers in parallel. */
  private static void writeAll(List<String> names, String value) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int w = 0; w < WRITERS; w++) {
        FideliusSdk writer = writers.get(w);
        int first = w;
        done.add(
            pool.submit(
                () -> {
                  for (int i = first; i < names.size(); i += WRITERS) {
                    writer.put(
                        SecretId.of("BURST", null, "dev", names.get(i)), value, table, keyId);
                  }
                }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** Counts, per Secret, the changes of its data (by the operator's data hash) from now on. */
  private static Watch watchDataChanges(Map<String, AtomicInteger> changes) {
    Map<String, String> lastHash = new ConcurrentHashMap<>();
    for (Secret s : kube.secrets().inNamespace(NS).list().getItems()) {
      lastHash.put(s.getMetadata().getName(), hashOf(s));
    }
    return kube.secrets()
        .inNamespace(NS)
        .watch(
            new Watcher<>() {
              @Override
              public void eventReceived(Action action, Secret secret) {
                String name = secret.getMetadata().getName();
                String hash = hashOf(secret);
                String before = lastHash.put(name, hash);
                if (action == Action.MODIFIED && !Objects.equals(before, hash)) {
                  changes.computeIfAbsent(name, k -> new AtomicInteger()).incrementAndGet();
                }
              }

              @Override
              public void onClose(WatcherException cause) {}
            });
  }

  private static String hashOf(Secret secret) {
    Map<String, String> annotations = secret.getMetadata().getAnnotations();
    return annotations == null ? "" : annotations.getOrDefault(ApiGroup.DATA_HASH_ANNOTATION, "");
  }

  /** How many Secrets hold {@code value}, in one list call. */
  private static long holding(String value) {
    return kube.secrets().inNamespace(NS).list().getItems().stream()
        .filter(s -> s.getData() != null && s.getData().get("password") != null)
        .filter(
            s ->
                value.equals(
                    new String(
                        Base64.getDecoder().decode(s.getData().get("password")),
                        StandardCharsets.UTF_8)))
        .count();
  }

  private static long restartsPending() {
    return kube.resources(FideliusSecret.class).inNamespace(NS).list().getItems().stream()
        .filter(f -> f.getStatus() != null && f.getStatus().getRestartPendingSince() != null)
        .count();
  }

  private static Map<String, Long> generations() {
    return kube.apps().deployments().inNamespace(NS).list().getItems().stream()
        .collect(
            Collectors.toMap(d -> d.getMetadata().getName(), d -> d.getMetadata().getGeneration()));
  }

  private static boolean storeLive() {
    ClusterFideliusStore s =
        kube.resources(ClusterFideliusStore.class).withName("burst-fidelius").get();
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
        metadata: {name: %1$s, namespace: burst}
        spec:
          storeRef: {name: burst-fidelius, kind: ClusterFideliusStore}
          application: BURST
          sdlc: dev
          refreshInterval: 1h
          rolloutRestartPolicy: {window: 1s, minInterval: 1s}
          rolloutRestartTargets: [{kind: Deployment, name: %1$s}]
          data:
          - {name: %1$s, key: password}
        """
            .formatted(name),
        FideliusSecret.class);
  }

  private static void createDeployment(String name) {
    Deployment deployment =
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
            .build();
    kube.apps().deployments().inNamespace(NS).resource(deployment).create();
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
