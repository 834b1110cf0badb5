package dev.fidelius.e2e.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fidelius.e2e.support.Await;
import dev.fidelius.e2e.support.ChartEnvironment;
import dev.fidelius.e2e.support.Cluster;
import dev.fidelius.e2e.support.E2eWorld;
import dev.fidelius.e2e.support.FaultProxy;
import dev.fidelius.e2e.support.FaultProxy.Fault;
import dev.fidelius.e2e.support.FideliusSdk;
import dev.fidelius.e2e.support.IrsaIdentity;
import dev.fidelius.e2e.support.MotoIam;
import dev.fidelius.e2e.support.OperatorProcess;
import dev.fidelius.e2e.support.SecrecyAudit;
import dev.fidelius.e2e.support.SecretWatchdog;
import dev.fidelius.e2e.support.SecretsManagerSeeder;
import dev.fidelius.operator.testsupport.FideliusTables;
import dev.fidelius.operator.testsupport.MotoServer;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * AWS faults, one after the other, against one operator process (IRSA, the chart's environment)
 * reading four FideliusSecrets from the Fidelius store (DynamoDB and KMS in moto) and four from
 * Secrets Manager (moto). The stores' endpoints are loopback fault proxies in front of the real
 * servers. KMS, STS and Secrets Manager are a dedicated moto this scenario may stop; the table
 * lives in the shared moto, which stays up.
 *
 * <p>Faults: a share of throttling and 5xx answers; all calls throttled; all calls failing with
 * 5xx; KMS alone failing with 5xx while a new version needs decrypting; KMS Decrypt denied by an
 * IAM policy; a corrupted item; moto stopped for three refresh intervals. Throughout, a watchdog
 * checks that every synced Secret keeps its last good data; each fault must show in the status
 * under its reason, and everything must be Synced again within two refresh intervals after the
 * fault clears.
 */
@ExtendWith(SuiteReport.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AwsFaultsIT {

  private static final String NS = "e2e-aws-faults";
  private static final String APP = "FAULTS";
  private static final String TABLE = "e2e-aws-faults";
  private static final String STAGING_TABLE = "e2e-aws-faults-staging";
  private static final Duration REFRESH = Duration.ofSeconds(3);
  private static final Duration RECOVERY_BOUND = REFRESH.multipliedBy(2);
  private static final List<String> FIDELIUS = List.of("f1", "f2", "f3", "f4");
  private static final List<String> SECRETS_MANAGER = List.of("s1", "s2", "s3", "s4");
  private static final List<String> ALL =
      Stream.concat(FIDELIUS.stream(), SECRETS_MANAGER.stream()).toList();

  private static E2eWorld world;
  private static Cluster kube;
  private static ScenarioLedger ledger;
  private static MotoServer moto;
  private static MotoIam iam;
  private static FaultProxy sm;
  private static FaultProxy kms;
  private static FaultProxy dynamo;
  private static FaultProxy sts;
  private static OperatorProcess operator;
  private static SecretWatchdog watch;
  private static FideliusSdk sdk;
  private static SecretsManagerSeeder smSeeder;
  private static final Map<String, Duration> recoveries = new LinkedHashMap<>();
  private static final Map<String, Integer> dataChanges = new HashMap<>();

  @BeforeAll
  static void start() {
    world = E2eWorld.get();
    kube = world.kube();
    ledger = new ScenarioLedger("AWS faults");
    kube.namespace(NS);
    moto = MotoServer.start();
    iam = MotoIam.setUp(moto.endpoint(), IrsaIdentity.ROLE_ARN);
    createKey(moto.endpoint());
    sm = proxy("faults-secretsmanager", moto.endpoint());
    kms = proxy("faults-kms", moto.endpoint());
    sts = proxy("faults-sts", moto.endpoint());
    dynamo = proxy("faults-dynamodb", world.dynamoDb());
    FideliusTables.create(world.dynamoDbClient(), TABLE);
    FideliusTables.create(world.dynamoDbClient(), STAGING_TABLE);
    connectWriters(moto.endpoint());

    watch = ledger.watch(new SecretWatchdog(world.client(), NS));
    for (String f : ALL) {
      String value = SecrecyAudit.seed("aws-faults " + f + " v0");
      watch.expect(f, Map.of(secretName(f), value));
      write(f, value, true);
    }
    kube.deployment(NS, "f1");
    kube.deployment(NS, "s1");
    kube.apply(
        Manifests.fideliusStore(
            "faults-fidelius", TABLE, dynamo.endpoint(), kms.endpoint(), NS, APP));
    kube.apply(Manifests.secretsManagerStore("faults-sm", sm.endpoint(), NS, APP));
    for (String f : ALL) {
      kube.apply(
          Manifests.fideliusSecret(
              NS,
              f,
              FIDELIUS.contains(f) ? "faults-fidelius" : "faults-sm",
              APP,
              REFRESH.toSeconds() + "s",
              List.of(secretName(f)),
              f.equals("f1") || f.equals("s1") ? List.of("Deployment/" + f) : List.of()));
    }
    IrsaIdentity identity =
        IrsaIdentity.create(
            world.client(),
            "fidelius-system",
            "fidelius-operator-faults",
            world.workDir("aws-faults").resolve("token"),
            sts.endpoint());
    operator =
        world.startOperator(
            "fidelius-operator-faults-0",
            ChartEnvironment.defaults().scopedNamespace(NS),
            identity,
            world.workDir("aws-faults"));
    operator.awaitReady(Duration.ofSeconds(90));
    Await.until(
        "all eight FideliusSecrets synced",
        Duration.ofSeconds(60),
        () -> ALL.stream().allMatch(f -> kube.synced(NS, f) && watch.holdsLatest(f)),
        AwsFaultsIT::reasons);
  }

  @AfterAll
  static void stop() {
    try {
      if (operator != null && kube != null) {
        assertThat(kube.restarts(NS, "f1"))
            .as("restarts of f1 (one per data change, none per fault)")
            .isEqualTo((long) dataChanges.getOrDefault("f1", 0));
        assertThat(kube.restarts(NS, "s1"))
            .as("restarts of s1")
            .isEqualTo((long) dataChanges.getOrDefault("s1", 0));
      }
    } finally {
      if (operator != null) {
        operator.stop();
      }
      if (ledger != null) {
        long injected =
            Stream.of(sm, kms, dynamo).filter(p -> p != null).mapToLong(FaultProxy::injected).sum();
        long throttles =
            Stream.of(sm, kms, dynamo)
                .filter(p -> p != null)
                .mapToLong(FaultProxy::throttled)
                .sum();
        ledger.fault(
            injected
                + " injected AWS errors ("
                + throttles
                + " throttling, "
                + (injected - throttles)
                + " 5xx) through the proxies");
        ledger.fault(
            "recovery after each fault (bound "
                + RECOVERY_BOUND.toSeconds()
                + " s): "
                + recoveries.entrySet().stream()
                    .map(e -> e.getKey() + " " + e.getValue().toMillis() / 100 / 10.0 + " s")
                    .collect(Collectors.joining(", ")));
        ledger.finish(kube);
      }
      if (iam != null) {
        iam.close();
      }
      if (moto != null) {
        moto.close();
      }
    }
  }

  @Test
  @Order(1)
  void aShareOfThrottlingAndServerErrorsNeverLosesDataAndRotationsStillArrive() {
    Instant start = Instant.now();
    List<FaultProxy> proxies = List.of(sm, kms, dynamo);
    try {
      proxies.forEach(p -> p.inject(0.5, Set.of(), Fault.THROTTLE, Fault.SERVER_ERROR));
      rotate("f2");
      rotate("s2");
      Await.until(
          "rotations of f2 and s2 arrive through 50% faults",
          Duration.ofSeconds(60),
          () -> watch.holdsLatest("f2") && watch.holdsLatest("s2"),
          AwsFaultsIT::reasons);
      holdAtLeast(start, REFRESH.multipliedBy(5));
      ledger.fault(
          "50% throttling/5xx for " + Duration.between(start, Instant.now()).toSeconds() + " s");
      clearAndRecover("50% faults", proxies, ALL);
    } finally {
      proxies.forEach(FaultProxy::clearFaults);
    }
  }

  /**
   * A fault of every Secrets Manager and DynamoDB call: the reason it must show, its names in the
   * summary.
   */
  enum EveryCallFault {
    THROTTLING(Fault.THROTTLE, "Throttled", "all calls throttled", "throttling"),
    SERVER_ERRORS(Fault.SERVER_ERROR, "BackendUnavailable", "all calls answered 5xx", "5xx");

    final Fault fault;
    final String reason;
    final String ledgerText;
    final String phase;

    EveryCallFault(Fault fault, String reason, String ledgerText, String phase) {
      this.fault = fault;
      this.reason = reason;
      this.ledgerText = ledgerText;
      this.phase = phase;
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(EveryCallFault.class)
  @Order(2)
  void aFaultOfEveryCallIsReportedAndRecovers(EveryCallFault everyCall) {
    List<FaultProxy> proxies = List.of(sm, dynamo);
    try {
      proxies.forEach(p -> p.inject(1.0, Set.of(), everyCall.fault));
      Instant start = Instant.now();
      awaitReason("every FideliusSecret reports " + everyCall.reason, everyCall.reason, ALL);
      if (everyCall.fault == Fault.THROTTLE) {
        awaitThrottlingMetrics();
      }
      holdAtLeast(start, REFRESH.multipliedBy(3));
      ledger.fault(
          everyCall.ledgerText
              + " for "
              + Duration.between(start, Instant.now()).toSeconds()
              + " s");
      clearAndRecover(everyCall.phase, proxies, ALL);
    } finally {
      proxies.forEach(FaultProxy::clearFaults);
    }
  }

  @Test
  @Order(4)
  void kmsServerErrorsWhileANewVersionNeedsDecryptingAreReportedAsUnavailable() {
    try {
      kms.inject(1.0, Set.of(), Fault.SERVER_ERROR);
      rotate("f3");
      awaitReason("f3 reports the KMS outage", "BackendUnavailable", List.of("f3"));
      assertThat(kube.message(NS, "f3"))
          .as("f3's message")
          .contains("KMS")
          .contains("kept the last synced data");
      assertOthersSynced(List.of("f3"));
      ledger.fault("KMS 5xx while a new version waited");
      clearAndRecover("KMS 5xx", List.of(kms), List.of("f3"));
    } finally {
      kms.clearFaults();
    }
  }

  @Test
  @Order(5)
  void kmsDecryptDeniedByIamIsReportedAndRecovers() {
    // The real SDK writes the new version before moto authenticates (the SDK's STS call is refused
    // once it
    // does); it is staged aside and lands in the store's table only once Decrypt is denied.
    Map<String, AttributeValue> newVersion = stageRotation("f4");
    iam.denyDecrypt();
    iam.enforce();
    boolean denied = true;
    try {
      world.dynamoDbClient().putItem(b -> b.tableName(TABLE).item(newVersion));
      awaitReason("f4 reports the denied Decrypt", "AccessDenied", List.of("f4"));
      assertThat(kube.message(NS, "f4")).as("f4's message").contains("Decrypt");
      assertOthersSynced(List.of("f4"));
      ledger.fault("KMS Decrypt denied by an IAM policy");
      Instant cleared = Instant.now();
      iam.allowDecrypt();
      denied = false;
      recover("KMS Decrypt denied", cleared, List.of("f4"));
    } finally {
      if (denied) {
        iam.allowDecrypt();
      }
      iam.relax();
    }
  }

  @Test
  @Order(6)
  void aCorruptedItemIsRefusedWithoutTouchingTheSecretAndRecoversWhenRepaired() {
    // The new version is written by the real SDK into a staging table, then copied into the store's
    // table
    // with a damaged HMAC: the operator never sees it intact before the repair.
    DynamoDbClient ddb = world.dynamoDbClient();
    Map<String, AttributeValue> staged = stageRotation("f1");
    Map<String, AttributeValue> item = new HashMap<>(staged);
    AttributeValue goodHmac = staged.get("hmac");
    item.put("hmac", damaged(goodHmac));
    ddb.putItem(b -> b.tableName(TABLE).item(item));
    boolean repaired = false;
    try {
      awaitReason("f1 reports the corrupted item", "IntegrityError", List.of("f1"));
      assertThat(kube.message(NS, "f1")).as("f1's message").contains("kept the last synced data");
      assertOthersSynced(List.of("f1"));
      ledger.fault("1 corrupted item (HMAC)");
      Instant cleared = Instant.now();
      item.put("hmac", goodHmac);
      ddb.putItem(b -> b.tableName(TABLE).item(item));
      repaired = true;
      recover("corrupted item", cleared, List.of("f1"));
    } finally {
      if (!repaired) {
        item.put("hmac", goodHmac);
        ddb.putItem(b -> b.tableName(TABLE).item(item));
      }
    }
  }

  @Test
  @Order(7)
  void motoStoppedForThreeRefreshIntervalsKeepsEverySecretAndRecovers() {
    Map<String, String> hashesBefore = new HashMap<>();
    ALL.forEach(f -> hashesBefore.put(f, kube.fsec(NS, f).getStatus().getDataHash()));
    long failuresBefore = (long) operator.metric("fidelius_sync_errors_total");

    // Stop moto for real; its endpoints (the proxies) now refuse connections, as a dead server's
    // would.
    moto.close();
    Instant stopped = Instant.now();
    for (FaultProxy p : List.of(sm, kms, sts)) {
      p.down();
    }
    awaitReason(
        "Secrets Manager FideliusSecrets report the outage", "BackendUnavailable", SECRETS_MANAGER);
    holdAtLeast(stopped, REFRESH.multipliedBy(3));
    // The Fidelius store's versions come from DynamoDB, and KMS is needed only for versions never
    // decrypted:
    // these FideliusSecrets rightly stay Synced through a KMS outage.
    assertThat(FIDELIUS)
        .as("Fidelius FideliusSecrets during the moto outage")
        .allMatch(f -> kube.synced(NS, f));

    // A new moto process: the same secrets (names, values, version ids) and a key under the default
    // alias.
    moto = MotoServer.start();
    createKey(moto.endpoint());
    connectWriters(moto.endpoint());
    smSeeder.restoreInto(
        world
            .aws()
            .factory()
            .secretsManager(
                MotoServer.REGION,
                iam.writerCredentials(),
                java.util.Optional.of(moto.endpoint())));
    for (FaultProxy p : List.of(sm, kms, sts)) {
      p.retarget(moto.endpoint());
    }
    Instant cleared = Instant.now();
    for (FaultProxy p : List.of(sm, kms, sts)) {
      p.up();
    }
    ledger.fault(
        "moto stopped for "
            + Duration.between(stopped, cleared).toSeconds()
            + " s ("
            + Duration.between(stopped, cleared).dividedBy(REFRESH)
            + " refresh intervals)");
    recover("moto stopped", cleared, ALL);
    ALL.forEach(
        f ->
            assertThat(kube.fsec(NS, f).getStatus().getDataHash())
                .as("data of %s after the outage", f)
                .isEqualTo(hashesBefore.get(f)));
    assertThat(operator.metric("fidelius_sync_errors_total"))
        .as("failed syncs counted during the outage")
        .isGreaterThan(failuresBefore);

    // And the restored world rotates as before.
    rotate("f1");
    rotate("s1");
    Await.until(
        "rotations after moto came back",
        Duration.ofSeconds(30),
        () -> watch.holdsLatest("f1") && watch.holdsLatest("s1"),
        AwsFaultsIT::reasons);
    Await.until(
        "f1 and s1 restarted for their changes",
        Duration.ofSeconds(30),
        () ->
            kube.restarts(NS, "f1") == dataChanges.get("f1")
                && kube.restarts(NS, "s1") == dataChanges.get("s1"),
        () -> "f1 " + kube.restarts(NS, "f1") + ", s1 " + kube.restarts(NS, "s1"));
  }

  // ---------------------------------------------------------------------------------------------------------

  private static FaultProxy proxy(String name, URI upstream) {
    FaultProxy p = FaultProxy.start(name, upstream);
    world.closeAtExit(p);
    return p;
  }

  private static void createKey(URI motoEndpoint) {
    KmsClient kmsClient =
        world
            .aws()
            .factory()
            .kms(MotoServer.REGION, MotoServer.CREDENTIALS, java.util.Optional.of(motoEndpoint));
    String key =
        kmsClient.createKey(b -> b.description("Fidelius e2e faults key")).keyMetadata().keyId();
    kmsClient.createAlias(b -> b.aliasName("alias/credstash").targetKeyId(key));
  }

  /**
   * The test's own writers on this moto, with the IAM user's keys (valid while moto authenticates).
   */
  private static void connectWriters(URI motoEndpoint) {
    AwsCredentialsProvider writer = iam.writerCredentials();
    var keys = writer.resolveCredentials();
    sdk =
        new FideliusSdk(world.dynamoDb(), motoEndpoint, keys.accessKeyId(), keys.secretAccessKey());
    if (smSeeder == null) {
      smSeeder =
          new SecretsManagerSeeder(
              world
                  .aws()
                  .factory()
                  .secretsManager(MotoServer.REGION, writer, java.util.Optional.of(motoEndpoint)));
    }
  }

  private static String secretName(String fsec) {
    return fsec + (fsec.startsWith("f") ? "_password" : "_token");
  }

  private static void write(String fsec, String value, boolean first) {
    if (FIDELIUS.contains(fsec)) {
      sdk.put(TABLE, APP, null, "dev", secretName(fsec), value);
    } else if (first) {
      smSeeder.create(APP + ".dev." + secretName(fsec), value);
    } else {
      smSeeder.put(APP + ".dev." + secretName(fsec), value);
    }
  }

  /** A new version, declared to the watchdog before AWS has it. */
  private static void rotate(String fsec) {
    String value = SecrecyAudit.seed("aws-faults " + fsec + " rotated");
    watch.expect(fsec, Map.of(secretName(fsec), value));
    dataChanges.merge(fsec, 1, Integer::sum);
    write(fsec, value, false);
  }

  /**
   * A rotation of a Fidelius FideliusSecret written by the real SDK into the staging table and
   * returned as the item of the next version in the store's table, not yet inserted; declared to
   * the watchdog.
   */
  private static Map<String, AttributeValue> stageRotation(String fsec) {
    String value = SecrecyAudit.seed("aws-faults " + fsec + " staged rotation");
    watch.expect(fsec, Map.of(secretName(fsec), value));
    dataChanges.merge(fsec, 1, Integer::sum);
    sdk.put(STAGING_TABLE, APP, null, "dev", secretName(fsec), value);
    String fullName = APP + ".dev." + secretName(fsec);
    DynamoDbClient ddb = world.dynamoDbClient();
    Map<String, AttributeValue> staged = latestItem(ddb, STAGING_TABLE, fullName);
    String latest = latestItem(ddb, TABLE, fullName).get("version").s();
    Map<String, AttributeValue> item = new HashMap<>(staged);
    item.put(
        "version",
        AttributeValue.fromS(
            String.format("%0" + latest.length() + "d", Long.parseLong(latest) + 1)));
    return item;
  }

  private static Map<String, AttributeValue> latestItem(
      DynamoDbClient ddb, String table, String fullName) {
    return ddb.query(
            b ->
                b.tableName(table)
                    .keyConditionExpression("#n = :n")
                    .expressionAttributeNames(Map.of("#n", "name"))
                    .expressionAttributeValues(Map.of(":n", AttributeValue.fromS(fullName)))
                    .scanIndexForward(false)
                    .limit(1))
        .items()
        .get(0);
  }

  /**
   * The operator's /metrics count the throttling per store and service, and the condition series of
   * the FideliusSecrets name it: what the chart's FideliusAwsThrottling and FideliusSecretNotReady
   * alerts read.
   */
  private static void awaitThrottlingMetrics() {
    Await.until(
        "throttling counted per store and shown by the condition series",
        Duration.ofSeconds(60),
        () ->
            operator.metric(
                        "fidelius_aws_errors_total",
                        "kind",
                        "throttled",
                        "service",
                        "dynamodb",
                        "store",
                        "ClusterFideliusStore faults-fidelius")
                    > 0
                && operator.metric(
                        "fidelius_aws_errors_total",
                        "kind",
                        "throttled",
                        "service",
                        "secretsmanager",
                        "store",
                        "ClusterFideliusStore faults-sm")
                    > 0
                && operator.metric(
                        "fidelius_secret_condition",
                        "namespace",
                        NS,
                        "status",
                        "False",
                        "reason",
                        "Throttled")
                    > 0,
        () ->
            operator
                .metrics()
                .lines()
                .filter(l -> l.startsWith("fidelius_aws_errors") || l.contains("reason=\"Thr"))
                .collect(Collectors.joining("\n")));
  }

  /** Waits until each FideliusSecret has shown the reason at least once. */
  private static void awaitReason(String what, String reason, List<String> fsecs) {
    Set<String> seen = ConcurrentHashMap.newKeySet();
    Await.until(
        what,
        Duration.ofSeconds(60),
        () -> {
          for (String f : fsecs) {
            if (reason.equals(kube.reason(NS, f))) {
              seen.add(f);
            }
          }
          return seen.containsAll(fsecs);
        },
        () -> "seen " + seen + "; now " + reasons());
  }

  private static void assertOthersSynced(List<String> faulty) {
    List<String> others = ALL.stream().filter(f -> !faulty.contains(f)).toList();
    assertThat(others)
        .as("FideliusSecrets not touched by the fault")
        .allMatch(f -> kube.synced(NS, f));
  }

  private static void holdAtLeast(Instant since, Duration d) {
    Duration left = d.minus(Duration.between(since, Instant.now()));
    if (!left.isNegative()) {
      Await.sleep(left);
    }
  }

  private static void clearAndRecover(String phase, List<FaultProxy> proxies, List<String> fsecs) {
    Instant cleared = Instant.now();
    proxies.forEach(FaultProxy::clearFaults);
    recover(phase, cleared, fsecs);
  }

  /** Everything Synced with its latest data within two refresh intervals of the fault clearing. */
  private static void recover(String phase, Instant cleared, List<String> fsecs) {
    Await.until(
        phase + ": everything Synced again with its latest data",
        Duration.ofSeconds(60),
        () -> {
          Map<String, Boolean> synced = kube.syncedByName(NS);
          return ALL.stream().allMatch(f -> synced.getOrDefault(f, false) && watch.holdsLatest(f));
        },
        AwsFaultsIT::reasons);
    Duration took = Duration.between(cleared, Instant.now());
    recoveries.put(phase, took);
    assertThat(took)
        .as("recovery after " + phase + " (affected: " + fsecs + ")")
        .isLessThanOrEqualTo(RECOVERY_BOUND);
  }

  private static String reasons() {
    List<String> parts = new ArrayList<>();
    for (String f : ALL) {
      parts.add(f + "=" + kube.reason(NS, f) + (watch.holdsLatest(f) ? "" : "(old data)"));
    }
    return String.join(", ", parts);
  }

  /**
   * The same HMAC with one digit (hex string, as Fidelius writes it) or one bit (binary) changed.
   */
  private static AttributeValue damaged(AttributeValue hmac) {
    if (hmac.s() != null) {
      String hex = hmac.s();
      char last = hex.charAt(hex.length() - 1);
      return AttributeValue.fromS(hex.substring(0, hex.length() - 1) + (last == '0' ? '1' : '0'));
    }
    byte[] bytes = hmac.b().asByteArray();
    bytes[bytes.length - 1] ^= 1;
    return AttributeValue.fromB(software.amazon.awssdk.core.SdkBytes.fromByteArray(bytes));
  }
}
