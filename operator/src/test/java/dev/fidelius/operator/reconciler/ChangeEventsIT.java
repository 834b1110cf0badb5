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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Event;
import software.amazon.awssdk.services.s3.model.QueueConfiguration;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterType;

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

  /**
   * A queue turns live when its first 20 s long poll returns; a stream after its first shard read.
   * On a loaded 2-core machine that can take a while after the store is applied.
   */
  private static final Duration LIVE_DEADLINE = Duration.ofSeconds(90);

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
  private static SsmClient ssm;
  private static S3Client s3;
  private static String parameterQueueUrl;
  private static String objectQueueUrl;
  private static String bucket;

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

    ssm =
        aws.factory().ssm(MotoServer.REGION, MotoServer.CREDENTIALS, Optional.of(moto.endpoint()));
    s3 = aws.factory().s3(MotoServer.REGION, MotoServer.CREDENTIALS, Optional.of(moto.endpoint()));
    parameterQueueUrl = newQueue("events-ps");
    objectQueueUrl = newQueue("events-s3");
    bucket = "events-it-" + UUID.randomUUID().toString().substring(0, 8);
    s3.createBucket(b -> b.bucket(bucket));
    notifyQueueOfObjectChanges(bucket, objectQueueUrl);

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
    apply(
        """
        apiVersion: fidelius.dev/v1alpha1
        kind: ClusterFideliusStore
        metadata: {name: events-ps}
        spec:
          provider:
            parameterStore: {region: us-east-1, prefix: /events}
          endpoints: {ssm: "%1$s", sts: "%1$s"}
          changeEvents:
            sqs: {queueUrl: "%2$s", endpoint: "%1$s"}
          access:
            rules:
            - {namespaces: [events], applications: ["*"], sdlcs: [dev]}
        """
            .formatted(moto.endpoint(), parameterQueueUrl));
    apply(
        """
        apiVersion: fidelius.dev/v1alpha1
        kind: ClusterFideliusStore
        metadata: {name: events-s3}
        spec:
          provider:
            s3: {bucket: %3$s, prefix: secrets/, region: us-east-1, encryption: ServerSide}
          endpoints: {s3: "%1$s", sts: "%1$s"}
          changeEvents:
            sqs: {queueUrl: "%2$s", endpoint: "%1$s"}
          access:
            rules:
            - {namespaces: [events], applications: ["*"], sdlcs: [dev]}
        """
            .formatted(moto.endpoint(), objectQueueUrl, bucket));
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
    await(LIVE_DEADLINE, "the stream is live", () -> storeLive("events-fidelius"));

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
    await(LIVE_DEADLINE, "the queue is live", () -> storeLive("events-sm"));

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
    await(LIVE_DEADLINE, "the queue is live", () -> storeLive("events-doomed"));

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

  @Test
  void aParameterStoreChangeAnnouncedOnTheQueueArrivesWithinSecondsAndOnlyForItsReaders() {
    String name = "param-" + UUID.randomUUID().toString().substring(0, 6);
    String other = name + "-other";
    putParameter("/events/PAYMENTS/dev/" + name, "v1");
    putParameter("/events/PAYMENTS/dev/" + other, "o1");
    apply(secret(name, "events-ps", name));
    apply(secret(other, "events-ps", other));
    await(Duration.ofSeconds(45), name + " synced", () -> "v1".equals(value(name, "password")));
    await(Duration.ofSeconds(45), other + " synced", () -> "o1".equals(value(other, "password")));
    await(LIVE_DEADLINE, "the queue is live", () -> storeLive("events-ps"));

    long started = System.nanoTime();
    putParameter("/events/PAYMENTS/dev/" + name, "v2");
    putParameter("/events/PAYMENTS/dev/" + other, "o2"); // changed, but not announced
    // moto's SSM emits no EventBridge events: the exact event EventBridge delivers for the write.
    send(
        parameterQueueUrl,
        """
        {"version":"0","id":"6a7e8feb-b491-4cf7-a9f1-bf3703467718","detail-type":"Parameter Store Change",
         "source":"aws.ssm","account":"123456789012","time":"2026-12-01T12:00:00Z","region":"us-east-1",
         "resources":["arn:aws:ssm:us-east-1:123456789012:parameter/events/PAYMENTS/dev/%1$s"],
         "detail":{"operation":"Update","name":"/events/PAYMENTS/dev/%1$s","type":"SecureString",
                   "description":""}}"""
            .formatted(name));
    await(
        ROTATION_DEADLINE,
        "the announced change reaches the Secret",
        () -> "v2".equals(value(name, "password")));
    System.out.println(
        "[ChangeEventsIT] Parameter Store queue rotation latency: "
            + (System.nanoTime() - started) / 1_000_000
            + " ms");
    awaitQueueEmpty(parameterQueueUrl);
    assertThat(value(other, "password"))
        .as("an unannounced change waits for the hourly refresh")
        .isEqualTo("o1");
  }

  @Test
  void anS3NotificationFromTheBucketItselfArrivesWithinSeconds() {
    String name = "object-" + UUID.randomUUID().toString().substring(0, 6);
    putObject("secrets/PAYMENTS/dev/" + name, "v1");
    apply(secret(name, "events-s3", name));
    await(Duration.ofSeconds(45), name + " synced", () -> "v1".equals(value(name, "password")));
    await(LIVE_DEADLINE, "the queue is live", () -> storeLive("events-s3"));

    long started = System.nanoTime();
    // moto sends the bucket's own notification (ObjectCreated:Put) to the queue.
    putObject("secrets/PAYMENTS/dev/" + name, "v2");
    await(
        ROTATION_DEADLINE,
        "the object's notification reaches the Secret",
        () -> "v2".equals(value(name, "password")));
    System.out.println(
        "[ChangeEventsIT] S3 notification rotation latency: "
            + (System.nanoTime() - started) / 1_000_000
            + " ms");
  }

  @Test
  void anS3EventInEventBridgesFormArrivesWithinSeconds() {
    String name = "bridge-" + UUID.randomUUID().toString().substring(0, 6);
    putObject("secrets/PAYMENTS/dev/" + name, "v1");
    apply(secret(name, "events-s3", name));
    await(Duration.ofSeconds(45), name + " synced", () -> "v1".equals(value(name, "password")));
    await(LIVE_DEADLINE, "the queue is live", () -> storeLive("events-s3"));
    awaitQueueEmpty(objectQueueUrl); // the bucket's own notification of v1 is handled

    // Only the EventBridge form announces the next write.
    s3.putBucketNotificationConfiguration(
        b -> b.bucket(bucket).notificationConfiguration(n -> n.queueConfigurations(List.of())));
    try {
      putObject("secrets/PAYMENTS/dev/" + name, "v2");
      long started = System.nanoTime();
      send(
          objectQueueUrl,
          """
          {"version":"0","id":"17793124-05d4-b198-2fde-7ededc63b103","detail-type":"Object Created",
           "source":"aws.s3","account":"123456789012","time":"2026-12-01T12:00:00Z","region":"us-east-1",
           "resources":["arn:aws:s3:::%1$s"],
           "detail":{"version":"0","bucket":{"name":"%1$s"},
                     "object":{"key":"secrets/PAYMENTS/dev/%2$s","size":2,"etag":"b1946ac92492d2347c6235b4d2611184",
                               "sequencer":"617f08299329d189"},
                     "request-id":"N4N7GDK58NMKJ12R","requester":"123456789012",
                     "source-ip-address":"1.2.3.4","reason":"PutObject"}}"""
              .formatted(bucket, name));
      await(
          ROTATION_DEADLINE,
          "the EventBridge event reaches the Secret",
          () -> "v2".equals(value(name, "password")));
      System.out.println(
          "[ChangeEventsIT] S3 EventBridge rotation latency: "
              + (System.nanoTime() - started) / 1_000_000
              + " ms");
    } finally {
      notifyQueueOfObjectChanges(bucket, objectQueueUrl);
    }
  }

  @Test
  void aFloodOfEventsForNamesNobodyReadsCausesNoReconcile() {
    String floodUrl = newQueue("flood");
    String prefix = "flood-" + UUID.randomUUID().toString().substring(0, 6);
    apply(smStore("events-flood", floodUrl));
    List<String> readers = IntStream.range(0, 5).mapToObj(i -> prefix + "-read-" + i).toList();
    for (String reader : readers) {
      sm.createSecret(b -> b.name("PAYMENTS.dev." + reader).secretString("v1"));
      apply(smSecret(reader, "events-flood"));
    }
    await(
        Duration.ofSeconds(60),
        "the readers synced",
        () -> readers.stream().allMatch(r -> "v1".equals(value(r, "password"))));
    await(LIVE_DEADLINE, "the queue is live", () -> storeLive("events-flood"));
    await(Duration.ofSeconds(30), "the queue is drained", () -> queueDepth(floodUrl) == 0);
    // Each first sync is followed by one more reconcile (the event of the Secret it wrote); on a
    // loaded machine that can come late, and it is not the flood's doing.
    awaitSyncsSettled();
    // Each sync of a reader moves its last-sync time (whole seconds; none ran for 3 s before this).
    Map<String, String> readersSyncedAt = lastSyncTimes(readers);
    assertThat(readersSyncedAt).as("every reader's last sync time").hasSize(readers.size());
    long handledBefore = handledChanges("events-flood");

    int flood = 1000;
    for (int batch = 0; batch < flood / 10; batch++) {
      int first = batch * 10;
      sqs.sendMessageBatch(
          b ->
              b.queueUrl(floodUrl)
                  .entries(
                      IntStream.range(first, first + 10)
                          .mapToObj(
                              i ->
                                  SendMessageBatchRequestEntry.builder()
                                      .id("m" + i)
                                      .messageBody(labelUpdated(prefix + "-nobody-" + i))
                                      .build())
                          .toList()));
    }
    await(
        Duration.ofSeconds(120),
        "the flood was handled and deleted",
        () -> handledChanges("events-flood") - handledBefore >= flood && queueDepth(floodUrl) == 0);

    assertThat(lastSyncTimes(readers))
        .as("the readers' last syncs: the flood caused none")
        .isEqualTo(readersSyncedAt);
    // The route is not simply dead: an announced change of a read name still arrives.
    sm.putSecretValue(b -> b.secretId("PAYMENTS.dev." + readers.get(0)).secretString("v2"));
    send(floodUrl, labelUpdated(readers.get(0)));
    await(
        ROTATION_DEADLINE,
        "the announced change reaches its reader",
        () -> "v2".equals(value(readers.get(0), "password")));
  }

  private static String labelUpdated(String secretName) {
    return """
        {"version":"0","id":"e1","detail-type":"Secret Label Updated","source":"aws.secretsmanager",
         "account":"123456789012","time":"2026-12-01T12:00:00Z","region":"us-east-1",
         "resources":["arn:aws:secretsmanager:us-east-1:123456789012:secret:PAYMENTS.dev.%1$s-AbCdEf"],
         "detail":{"name":"PAYMENTS.dev.%1$s","labelUpdated":"AWSCURRENT","versionId":"v"}}"""
        .formatted(secretName);
  }

  /** Syncs the operator recorded so far, whatever their result. */
  /** Each named FideliusSecret's last sync time, as the operator's metrics show it. */
  private static Map<String, String> lastSyncTimes(List<String> names) {
    Map<String, String> times = new java.util.TreeMap<>();
    operator
        .runtime()
        .metrics()
        .scrape()
        .lines()
        .filter(line -> line.startsWith("fidelius_secret_last_sync_timestamp_seconds{"))
        .forEach(
            line ->
                names.stream()
                    .filter(name -> line.contains("name=\"" + name + "\""))
                    .forEach(name -> times.put(name, line.substring(line.lastIndexOf(' ') + 1))));
    return times;
  }

  /** Until no sync has run for three seconds (at most a minute). */
  private static void awaitSyncsSettled() {
    double[] last = {syncs()};
    long[] since = {System.nanoTime()};
    await(
        Duration.ofSeconds(60),
        "no more syncs",
        () -> {
          double now = syncs();
          if (now != last[0]) {
            last[0] = now;
            since[0] = System.nanoTime();
          }
          return System.nanoTime() - since[0] > Duration.ofSeconds(3).toNanos();
        });
  }

  private static double syncs() {
    return operator.runtime().metrics().registry().find("fidelius_syncs").counters().stream()
        .mapToDouble(c -> c.count())
        .sum();
  }

  /** Messages announcing changes that the store's queue reader handled. */
  private static long handledChanges(String store) {
    return operator.runtime().changeEvents().feedsByStore().entrySet().stream()
        .filter(e -> e.getKey().name().equals(store))
        .mapToLong(e -> e.getValue().messages().getOrDefault("changes", 0L))
        .sum();
  }

  private static String newQueue(String prefix) {
    return sqs.createQueue(
            b -> b.queueName(prefix + "-" + UUID.randomUUID().toString().substring(0, 8)))
        .queueUrl();
  }

  private static void send(String queue, String body) {
    sqs.sendMessage(b -> b.queueUrl(queue).messageBody(body));
  }

  private static int queueDepth(String queue) {
    return sqs
        .getQueueAttributes(
            b ->
                b.queueUrl(queue)
                    .attributeNamesWithStrings(
                        "ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"))
        .attributesAsStrings()
        .values()
        .stream()
        .mapToInt(Integer::parseInt)
        .sum();
  }

  private static void awaitQueueEmpty(String queue) {
    await(Duration.ofSeconds(30), "the queue is drained", () -> queueDepth(queue) == 0);
  }

  /** The bucket's own S3 event notifications (object created or removed) go to the queue. */
  private static void notifyQueueOfObjectChanges(String bucketName, String queue) {
    String queueArn =
        sqs.getQueueAttributes(b -> b.queueUrl(queue).attributeNames(QueueAttributeName.QUEUE_ARN))
            .attributes()
            .get(QueueAttributeName.QUEUE_ARN);
    s3.putBucketNotificationConfiguration(
        b ->
            b.bucket(bucketName)
                .notificationConfiguration(
                    n ->
                        n.queueConfigurations(
                            QueueConfiguration.builder()
                                .queueArn(queueArn)
                                .events(Event.S3_OBJECT_CREATED, Event.S3_OBJECT_REMOVED)
                                .build())));
  }

  private static void putParameter(String parameter, String value) {
    ssm.putParameter(
        b -> b.name(parameter).value(value).type(ParameterType.SECURE_STRING).overwrite(true));
  }

  private static void putObject(String key, String value) {
    s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString(value));
  }

  private static String secret(String name, String store, String source) {
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
          - {name: %3$s, key: password}
        """
        .formatted(name, store, source);
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
