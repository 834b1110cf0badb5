package dev.fidelius.e2e.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fidelius.e2e.support.Await;
import dev.fidelius.e2e.support.ChartEnvironment;
import dev.fidelius.e2e.support.Cluster;
import dev.fidelius.e2e.support.E2eWorld;
import dev.fidelius.e2e.support.FaultProxy;
import dev.fidelius.e2e.support.FaultProxy.Fault;
import dev.fidelius.e2e.support.IrsaIdentity;
import dev.fidelius.e2e.support.MotoIam;
import dev.fidelius.e2e.support.OperatorProcess;
import dev.fidelius.e2e.support.SecrecyAudit;
import dev.fidelius.e2e.support.SecretWatchdog;
import dev.fidelius.operator.api.ClusterFideliusStore;
import dev.fidelius.operator.api.FideliusSecret;
import dev.fidelius.operator.api.ServedRegion;
import dev.fidelius.operator.api.SourceItemStatus;
import dev.fidelius.operator.aws.AwsClientFactory;
import dev.fidelius.operator.aws.AwsEndpoints;
import dev.fidelius.operator.backend.SecretId;
import dev.fidelius.operator.backend.fidelius.FideliusStoreConfig;
import dev.fidelius.operator.testsupport.FideliusTables;
import dev.fidelius.operator.testsupport.MotoServer;
import dev.fidelius.writer.fidelius.FideliusWriter;
import io.fabric8.kubernetes.api.model.Event;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * A regional outage against one operator process (IRSA, the chart's environment): a Secrets Manager
 * store and a Fidelius store in us-east-1, each with failover region us-west-2, all regions served
 * by one moto behind a fault proxy that fails only the calls signed for us-east-1 (the region of
 * the request's SigV4 credential scope). moto replicates the secrets created with replica regions,
 * with the same version ids; one secret is not replicated but written in each region by the test,
 * the copy in us-west-2 older, as a lagging replica would be. The Fidelius table is written by the
 * test in each region (as a global table would hold it), each region's data keys under a key of
 * that region: moto 5.2.1 cannot decrypt under multi-Region keys at all, and a key per region is
 * what the operator meets of one, a Decrypt in the serving region.
 *
 * <p>In order: AccessDenied in the primary is an answer and never fails over; a 5xx outage of the
 * primary moves reads to the replica after {@code failover.after}, and a rotation during the outage
 * arrives through it, while the lagging secret keeps its newer data (ReplicaBehind); reads come
 * back to the primary once it answers; a flapping primary cannot make the operator switch faster
 * than {@code failover.minSwitchInterval}. Throughout, a watchdog checks that no Secret is blanked
 * or goes back to older data.
 */
@ExtendWith(SuiteReport.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RegionalOutageIT {

  private static final String NS = "e2e-regional-outage";
  private static final String APP = "OUTAGE";
  private static final String STORE = "outage-sm";
  private static final String PRIMARY = "us-east-1";
  private static final String REPLICA = "us-west-2";
  private static final Duration REFRESH = Duration.ofSeconds(2);
  private static final Duration AFTER = Duration.ofSeconds(6);
  private static final Duration PROBE = Duration.ofSeconds(3);
  private static final Duration PACE = Duration.ofSeconds(20);

  /** Replicated by moto, same version ids in both regions. */
  private static final List<String> REPLICATED = List.of("r1", "r2");

  /** Written by the test in each region; the us-west-2 copy is older. */
  private static final String LAGGING = "r3";

  /** Read from the Fidelius store. */
  private static final String FIDELIUS = "f1";

  private static final String FIDELIUS_STORE = "outage-fidelius";
  private static final String TABLE = "e2e-regional-outage";

  private static final List<String> ALL = List.of("r1", "r2", "r3", FIDELIUS);

  private static E2eWorld world;
  private static Cluster kube;
  private static ScenarioLedger ledger;
  private static MotoServer moto;
  private static MotoIam iam;
  private static FaultProxy sm;
  private static FaultProxy sts;
  private static OperatorProcess operator;
  private static SecretWatchdog watch;
  private static SecretsManagerClient east;
  private static SecretsManagerClient west;
  private static List<FideliusWriter> fideliusWriters;

  @BeforeAll
  static void start() {
    world = E2eWorld.get();
    kube = world.kube();
    ledger = new ScenarioLedger("Regional outage");
    kube.namespace(NS);
    moto = MotoServer.start();
    iam = MotoIam.setUp(moto.endpoint(), IrsaIdentity.ROLE_ARN);
    sm = FaultProxy.start("outage-secretsmanager", moto.endpoint());
    sts = FaultProxy.start("outage-sts", moto.endpoint());
    east = client(Region.US_EAST_1, moto.endpoint());
    west = client(Region.US_WEST_2, moto.endpoint());
    watch = ledger.watch(new SecretWatchdog(world.client(), NS));
    seed();
    fideliusWriters = fideliusInBothRegions();
    String fideliusValue = SecrecyAudit.seed("regional-outage f1 v0");
    watch.expect(FIDELIUS, Map.of(secretName(FIDELIUS), fideliusValue));
    writeFidelius(fideliusValue);
    kube.apply(store());
    kube.apply(fideliusStore());
    for (String r : ALL) {
      kube.apply(
          Manifests.fideliusSecret(
              NS,
              r,
              r.equals(FIDELIUS) ? FIDELIUS_STORE : STORE,
              APP,
              REFRESH.toSeconds() + "s",
              List.of(secretName(r)),
              List.of()));
    }
    IrsaIdentity identity =
        IrsaIdentity.create(
            world.client(),
            "fidelius-system",
            "fidelius-operator-outage",
            world.workDir("regional-outage").resolve("token"),
            sts.endpoint());
    operator =
        world.startOperator(
            "fidelius-operator-outage-0",
            ChartEnvironment.defaults().scopedNamespace(NS),
            identity,
            world.workDir("regional-outage"));
    operator.awaitReady(Duration.ofSeconds(90));
    Await.until(
        "all FideliusSecrets synced from " + PRIMARY,
        Duration.ofSeconds(60),
        () ->
            ALL.stream()
                .allMatch(r -> kube.synced(NS, r) && watch.holdsLatest(r) && servedBy(r, PRIMARY)),
        RegionalOutageIT::state);
  }

  @AfterAll
  static void stop() {
    try {
      if (operator != null) {
        operator.stop();
      }
      if (ledger != null) {
        ledger.fault(
            sm == null
                ? "none"
                : sm.injected()
                    + " injected errors for "
                    + PRIMARY
                    + " only ("
                    + sm.denied()
                    + " AccessDenied, the rest 5xx)");
        ledger.finish(kube);
      }
    } finally {
      for (AutoCloseable c : new AutoCloseable[] {sm, sts, iam, moto}) {
        if (c != null) {
          try {
            c.close();
          } catch (Exception e) {
            System.err.println("[e2e] could not close " + c + ": " + e);
          }
        }
      }
    }
  }

  @Test
  @Order(1)
  void accessDeniedInThePrimaryIsAnAnswerAndNeverFailsOver() {
    try {
      sm.injectIn(Set.of(PRIMARY), 1.0, Set.of(), Fault.ACCESS_DENIED);
      Instant start = Instant.now();
      rotate("r1"); // a rotation the operator must not fetch from the replica behind a denial
      Await.until(
          "every FideliusSecret reports AccessDenied",
          Duration.ofSeconds(60),
          () -> ALL.stream().allMatch(r -> "AccessDenied".equals(kube.reason(NS, r))),
          RegionalOutageIT::state);
      holdAtLeast(start, AFTER.multipliedBy(3));
      assertThat(ALL)
          .as("reads stayed in " + PRIMARY)
          .allMatch(r -> "AccessDenied".equals(kube.reason(NS, r)));
      assertThat(switches()).as("region switches").isZero();
      assertThat(servingGauge(PRIMARY)).as("serving region gauge of " + PRIMARY).isEqualTo(1.0);
      assertThat(watch.holdsLatest("r1")).as("r1 was not read from the replica").isFalse();
      ledger.fault(
          "AccessDenied in "
              + PRIMARY
              + " for "
              + Duration.between(start, Instant.now()).toSeconds()
              + " s: no failover");
    } finally {
      sm.clearFaults();
    }
    awaitAllLatestFrom(PRIMARY, "after the denial");
  }

  @Test
  @Order(2)
  void anOutageOfThePrimaryMovesReadsToTheReplicaAndRotationsArrive() {
    Instant start = Instant.now();
    sm.injectIn(Set.of(PRIMARY), 1.0, Set.of(), Fault.SERVER_ERROR);
    rotate("r2");
    rotate(FIDELIUS);
    Await.until(
        "the rotations of r2 and f1 arrive through " + REPLICA,
        Duration.ofSeconds(90),
        () ->
            watch.holdsLatest("r2")
                && servedBy("r2", REPLICA)
                && watch.holdsLatest(FIDELIUS)
                && servedBy(FIDELIUS, REPLICA),
        RegionalOutageIT::state);
    Duration failover = Duration.between(start, Instant.now());
    assertThat(failover).as("time to fail over").isGreaterThanOrEqualTo(AFTER);
    Await.until(
        "r1 served by " + REPLICA + " and " + LAGGING + " keeps its newer data (ReplicaBehind)",
        Duration.ofSeconds(60),
        () -> servedBy("r1", REPLICA) && "ReplicaBehind".equals(kube.reason(NS, LAGGING)),
        RegionalOutageIT::state);
    assertThat(kube.message(NS, LAGGING)).contains("older than version").contains(REPLICA);
    assertThat(item(LAGGING).map(SourceItemStatus::getState)).contains("ReplicaBehind");
    assertThat(watch.holdsLatest(LAGGING))
        .as(LAGGING + " keeps the primary's newer value")
        .isTrue();
    FideliusSecret r2 = kube.fsec(NS, "r2");
    assertThat(r2.getStatus().getServedBy().getFailover()).isTrue();
    Await.until(
        "the store's status says " + REPLICA + " serves",
        Duration.ofSeconds(60),
        () -> storeServedBy(REPLICA),
        RegionalOutageIT::state);
    assertThat(storeEvents("RegionFailover")).as("RegionFailover Events on the store").isNotEmpty();
    assertThat(servingGauge(REPLICA)).isEqualTo(1.0);
    assertThat(switches()).isEqualTo(1.0);
    ledger.fault(
        "5xx for every "
            + PRIMARY
            + " call: failover after "
            + failover.toMillis() / 100 / 10.0
            + " s (after: "
            + AFTER.toSeconds()
            + " s), rotations (Secrets Manager, Fidelius) arrived through "
            + REPLICA
            + ", a lagging replica refused");
  }

  @Test
  @Order(3)
  void readsComeBackToThePrimaryOnceItAnswers() {
    Instant cleared = Instant.now();
    sm.clearFaults();
    Await.until(
        "reads back in " + PRIMARY,
        Duration.ofSeconds(90),
        () -> ALL.stream().allMatch(r -> servedBy(r, PRIMARY) && kube.synced(NS, r)),
        RegionalOutageIT::state);
    Duration back = Duration.between(cleared, Instant.now());
    rotate("r1");
    awaitAllLatestFrom(PRIMARY, "a rotation after the recovery");
    assertThat(storeEvents("RegionSwitched")).as("RegionSwitched Events on the store").isNotEmpty();
    assertThat(switches()).isEqualTo(2.0);
    ledger.fault("recovery to " + PRIMARY + " " + back.toSeconds() + " s after the outage ended");
  }

  @Test
  @Order(4)
  void aFlappingPrimaryCannotMakeReadsSwitchFasterThanThePace() throws InterruptedException {
    double before = switches();
    Instant start = Instant.now();
    AtomicBoolean flapping = new AtomicBoolean(true);
    Thread flapper =
        new Thread(
            () -> {
              // Down for longer than failover.after, up long enough for a probe to answer.
              while (flapping.get()) {
                sm.injectIn(Set.of(PRIMARY), 1.0, Set.of(), Fault.SERVER_ERROR);
                pause(Duration.ofSeconds(9));
                sm.clearFaults();
                pause(Duration.ofSeconds(4));
              }
            },
            "region-flapper");
    flapper.start();
    try {
      Await.until(
          "at least three switches while the primary flaps",
          Duration.ofSeconds(150),
          () -> switches() - before >= 3,
          RegionalOutageIT::state);
    } finally {
      flapping.set(false);
      flapper.join();
      sm.clearFaults();
    }
    Duration flapped = Duration.between(start, Instant.now());
    List<Instant> at = switchTimes(start);
    assertThat(at).as("switch Events while flapping").hasSizeGreaterThanOrEqualTo(3);
    for (int i = 1; i < at.size(); i++) {
      // Event times have a second's precision.
      assertThat(Duration.between(at.get(i - 1), at.get(i)).plusSeconds(1))
          .as("time between switches " + (i - 1) + " and " + i)
          .isGreaterThanOrEqualTo(PACE);
    }
    ledger.fault(
        "a primary flapping (9 s down, 4 s up) for "
            + flapped.toSeconds()
            + " s: "
            + at.size()
            + " switches, none closer than "
            + PACE.toSeconds()
            + " s");
    awaitAllLatestFrom(PRIMARY, "after the flapping");
  }

  private static void seed() {
    for (String r : REPLICATED) {
      String value = SecrecyAudit.seed("regional-outage " + r + " v0");
      watch.expect(r, Map.of(secretName(r), value));
      east.createSecret(
          b -> b.name(fullName(r)).secretString(value).addReplicaRegions(rr -> rr.region(REPLICA)));
    }
    // The lagging replica's copy is older: written first, and a second earlier than the primary's
    // (version creation dates have a second's precision).
    west.createSecret(
        b -> b.name(fullName(LAGGING)).secretString(SecrecyAudit.seed("regional-outage r3 stale")));
    Instant written = Instant.now();
    Await.until(
        "a second passes (creation dates count seconds)",
        Duration.ofSeconds(5),
        () -> Instant.now().isAfter(written.plusMillis(1100)));
    String value = SecrecyAudit.seed("regional-outage r3 v0");
    watch.expect(LAGGING, Map.of(secretName(LAGGING), value));
    east.createSecret(b -> b.name(fullName(LAGGING)).secretString(value));
  }

  /**
   * A new version in the primary, which moto replicates with the same version id; for the Fidelius
   * store, the next version written in both regions.
   */
  private static void rotate(String r) {
    String value = SecrecyAudit.seed("regional-outage " + r + " " + UUID.randomUUID());
    watch.expect(r, Map.of(secretName(r), value));
    if (r.equals(FIDELIUS)) {
      writeFidelius(value);
    } else {
      east.putSecretValue(b -> b.secretId(fullName(r)).secretString(value));
    }
  }

  /**
   * A table in each region and a KMS key in each: a writer per region, each encrypting its data
   * keys in its own region, as under a multi-Region key.
   */
  private static List<FideliusWriter> fideliusInBothRegions() {
    AwsClientFactory factory = world.aws().factory();
    var credentials = iam.writerCredentials();
    Optional<URI> endpoint = Optional.of(moto.endpoint());
    List<FideliusWriter> writers = new ArrayList<>();
    for (Region region : List.of(Region.US_EAST_1, Region.US_WEST_2)) {
      DynamoDbClient dynamo = factory.dynamoDb(region, credentials, endpoint);
      FideliusTables.create(dynamo, TABLE);
      KmsClient kms = factory.kms(region, credentials, endpoint);
      String keyId = kms.createKey(b -> b.description("regional-outage")).keyMetadata().keyId();
      writers.add(
          new FideliusWriter(
              dynamo,
              kms,
              FideliusStoreConfig.defaults(region, "regional-outage-writer")
                  .withTable(TABLE)
                  .withKmsKeyId(keyId)
                  .withEndpoints(AwsEndpoints.all(moto.endpoint())),
              "regional-outage"));
    }
    return writers;
  }

  private static void writeFidelius(String value) {
    for (FideliusWriter writer : fideliusWriters) {
      var written = writer.put(SecretId.of(APP, null, "dev", secretName(FIDELIUS)), value);
      assertThat(written.isOk()).as("Fidelius write: " + written).isTrue();
    }
  }

  private static String fideliusStore() {
    return """
        apiVersion: fidelius.dev/v1alpha1
        kind: ClusterFideliusStore
        metadata: {name: %s}
        spec:
          provider:
            dynamodb: {table: %s, region: %s, failoverRegions: [%s]}
          failover: {after: %ds, probeInterval: %ds, minSwitchInterval: %ds}
          endpoints: {dynamodb: "%s", kms: "%s"}
          access:
            rules:
            - {namespaces: [%s], applications: [%s], sdlcs: [dev]}
        """
        .formatted(
            FIDELIUS_STORE,
            TABLE,
            PRIMARY,
            REPLICA,
            AFTER.toSeconds(),
            PROBE.toSeconds(),
            PACE.toSeconds(),
            sm.endpoint(),
            sm.endpoint(),
            NS,
            APP);
  }

  private static String store() {
    return """
        apiVersion: fidelius.dev/v1alpha1
        kind: ClusterFideliusStore
        metadata: {name: %s}
        spec:
          provider:
            secretsManager: {region: %s, failoverRegions: [%s]}
          failover: {after: %ds, probeInterval: %ds, minSwitchInterval: %ds}
          endpoints: {secretsManager: "%s"}
          access:
            rules:
            - {namespaces: [%s], applications: [%s], sdlcs: [dev]}
        """
        .formatted(
            STORE,
            PRIMARY,
            REPLICA,
            AFTER.toSeconds(),
            PROBE.toSeconds(),
            PACE.toSeconds(),
            sm.endpoint(),
            NS,
            APP);
  }

  private static void awaitAllLatestFrom(String region, String phase) {
    Await.until(
        phase + ": every FideliusSecret Synced with its latest data from " + region,
        Duration.ofSeconds(90),
        () ->
            ALL.stream()
                .allMatch(r -> kube.synced(NS, r) && watch.holdsLatest(r) && servedBy(r, region)),
        RegionalOutageIT::state);
  }

  private static boolean servedBy(String r, String region) {
    FideliusSecret fsec = kube.fsec(NS, r);
    ServedRegion served =
        fsec == null || fsec.getStatus() == null ? null : fsec.getStatus().getServedBy();
    return served != null && region.equals(served.getRegion());
  }

  private static boolean storeServedBy(String region) {
    ClusterFideliusStore store =
        world.client().resources(ClusterFideliusStore.class).withName(STORE).get();
    ServedRegion served =
        store == null || store.getStatus() == null ? null : store.getStatus().getServedBy();
    return served != null && region.equals(served.getRegion());
  }

  private static Optional<SourceItemStatus> item(String r) {
    FideliusSecret fsec = kube.fsec(NS, r);
    if (fsec == null || fsec.getStatus() == null || fsec.getStatus().getItems() == null) {
      return Optional.empty();
    }
    return fsec.getStatus().getItems().stream().findFirst();
  }

  private static double switches() {
    return operator.metric(
        "fidelius_store_region_switches_total", "store", "ClusterFideliusStore " + STORE);
  }

  private static double servingGauge(String region) {
    return operator.metric(
        "fidelius_store_serving_region",
        "store",
        "ClusterFideliusStore " + STORE,
        "region",
        region);
  }

  private static List<Event> storeEvents(String reason) {
    return world.client().v1().events().inNamespace("default").list().getItems().stream()
        .filter(e -> STORE.equals(e.getInvolvedObject().getName()))
        .filter(e -> "ClusterFideliusStore".equals(e.getInvolvedObject().getKind()))
        .filter(e -> reason.equals(e.getReason()))
        .toList();
  }

  private static List<Instant> switchTimes(Instant since) {
    List<Instant> at = new ArrayList<>();
    for (String reason : List.of("RegionFailover", "RegionSwitched")) {
      for (Event e : storeEvents(reason)) {
        Instant t = Instant.parse(e.getFirstTimestamp());
        if (!t.isBefore(since.minusSeconds(1))) {
          at.add(t);
        }
      }
    }
    at.sort(Comparator.naturalOrder());
    return at;
  }

  private static String state() {
    List<String> parts = new ArrayList<>();
    for (String r : ALL) {
      FideliusSecret fsec = kube.fsec(NS, r);
      ServedRegion served =
          fsec == null || fsec.getStatus() == null ? null : fsec.getStatus().getServedBy();
      parts.add(
          r
              + "="
              + kube.reason(NS, r)
              + "@"
              + (served == null ? "?" : served.getRegion())
              + (watch.holdsLatest(r) ? "" : "(old data)"));
    }
    return String.join(", ", parts) + "; switches " + switches();
  }

  private static void holdAtLeast(Instant since, Duration d) {
    Duration left = d.minus(Duration.between(since, Instant.now()));
    if (!left.isNegative()) {
      Await.sleep(left);
    }
  }

  private static void pause(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String secretName(String r) {
    return r.equals(FIDELIUS) ? "f1_password" : r + "_token";
  }

  private static String fullName(String r) {
    return APP + ".dev." + secretName(r);
  }

  private static SecretsManagerClient client(Region region, URI endpoint) {
    return world
        .aws()
        .factory()
        .secretsManager(region, iam.writerCredentials(), Optional.of(endpoint));
  }
}
