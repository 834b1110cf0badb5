package dev.fidelius.e2e.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fidelius.e2e.support.Await;
import dev.fidelius.e2e.support.ChartEnvironment;
import dev.fidelius.e2e.support.Cluster;
import dev.fidelius.e2e.support.E2eWorld;
import dev.fidelius.e2e.support.FaultProxy;
import dev.fidelius.e2e.support.FaultProxy.WebIdentitySession;
import dev.fidelius.e2e.support.FideliusSdk;
import dev.fidelius.e2e.support.IrsaIdentity;
import dev.fidelius.e2e.support.OperatorProcess;
import dev.fidelius.e2e.support.SecrecyAudit;
import dev.fidelius.e2e.support.SecretWatchdog;
import dev.fidelius.e2e.support.SecretsManagerSeeder;
import dev.fidelius.operator.testsupport.FideliusTables;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * IRSA as on EKS, and rotation, with one operator process.
 *
 * <p>IRSA: the process has no static AWS key, only AWS_ROLE_ARN and AWS_WEB_IDENTITY_TOKEN_FILE
 * holding a ServiceAccount token minted by the real API server (audience sts.amazonaws.com), with
 * STS reached through the SDK's endpoint setting AWS_ENDPOINT_URL_STS. It syncs from both backends
 * and refreshes its credentials before they expire, re-reading the rotated token file. Every AWS
 * request passes a recording proxy that shows which access key signed it. Real STS sessions last an
 * hour and the SDK's default chain cannot be given a length, so the STS proxy asks moto for
 * 310-second sessions (DurationSeconds added to the request the SDK sends without one). The SDK
 * then prefetches new credentials at a random moment between 5 minutes and 2 minutes before expiry
 * (its prefetch jitter): 10 to 190 s after each session is issued.
 *
 * <p>Rotation: new versions written by FINRA's real Fidelius SDK and by Secrets Manager
 * PutSecretValue reach the Secrets, and restart each Deployment and StatefulSet named by the
 * FideliusSecret exactly once per change. The rotation tests run while the operator waits for its
 * credentials to age, so the refresh costs no time.
 */
@ExtendWith(SuiteReport.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IrsaAndRotationIT {

  private static final String NS = "e2e-irsa-rotation";
  private static final String APP = "HAPPY";
  private static final String TABLE = "e2e-irsa-rotation";
  private static final Duration SESSION = Duration.ofSeconds(310);
  private static final String REFRESH = "2s";

  private static E2eWorld world;
  private static Cluster kube;
  private static ScenarioLedger irsaLedger;
  private static ScenarioLedger rotationLedger;
  private static FaultProxy sts;
  private static FaultProxy secretsManager;
  private static FaultProxy kms;
  private static FaultProxy dynamo;
  private static IrsaIdentity identity;
  private static OperatorProcess operator;
  private static FideliusSdk sdk;
  private static SecretsManagerSeeder sm;
  private static SecretWatchdog irsaWatch;
  private static SecretWatchdog rotationWatch;
  private static String rotatedTokenSha256;

  @BeforeAll
  static void start() {
    world = E2eWorld.get();
    kube = world.kube();
    irsaLedger = new ScenarioLedger("IRSA web identity");
    rotationLedger = new ScenarioLedger("Rotation (Fidelius SDK, PutSecretValue)");
    kube.namespace(NS);
    sts = proxy("irsa-sts", world.moto().endpoint());
    sts.requestWebIdentitySessionsOf(SESSION);
    secretsManager = proxy("irsa-secretsmanager", world.moto().endpoint());
    kms = proxy("irsa-kms", world.moto().endpoint());
    dynamo = proxy("irsa-dynamodb", world.dynamoDb());
    identity =
        IrsaIdentity.create(
            world.client(),
            "fidelius-system",
            "fidelius-operator-irsa",
            world.workDir("irsa-rotation").resolve("token"),
            sts.endpoint());
    FideliusTables.create(world.dynamoDbClient(), TABLE);
    sdk = world.fideliusSdk();
    sm = new SecretsManagerSeeder(world.secretsManager());
    irsaWatch = irsaLedger.watch(new SecretWatchdog(world.client(), NS));
    rotationWatch = rotationLedger.watch(new SecretWatchdog(world.client(), NS));
    kube.apply(
        Manifests.fideliusStore(
            "happy-fidelius", TABLE, dynamo.endpoint(), kms.endpoint(), NS, APP));
    kube.apply(Manifests.secretsManagerStore("happy-sm", secretsManager.endpoint(), NS, APP));
  }

  private static FaultProxy proxy(String name, URI upstream) {
    FaultProxy p = FaultProxy.start(name, upstream);
    world.closeAtExit(p);
    return p;
  }

  @AfterAll
  static void stop() {
    if (operator != null) {
      operator.stop();
    }
    for (ScenarioLedger ledger : List.of(irsaLedger, rotationLedger)) {
      if (ledger != null) {
        ledger.finish(kube);
      }
    }
  }

  @Test
  @Order(1)
  void syncsBothBackendsWithOnlyAWebIdentityToken() throws IOException {
    String dbPassword = SecrecyAudit.seed("irsa db_password");
    String apiToken = SecrecyAudit.seed("irsa api_token");
    irsaWatch.expect("irsa-fidelius", Map.of("db_password", dbPassword));
    irsaWatch.expect("irsa-sm", Map.of("api_token", apiToken));
    sdk.put(TABLE, APP, null, "dev", "db_password", dbPassword);
    sm.create(APP + ".dev.api_token", apiToken);
    kube.apply(
        Manifests.fideliusSecret(
            NS,
            "irsa-fidelius",
            "happy-fidelius",
            APP,
            REFRESH,
            List.of("db_password"),
            List.of()));
    kube.apply(
        Manifests.fideliusSecret(
            NS, "irsa-sm", "happy-sm", APP, REFRESH, List.of("api_token"), List.of()));

    operator =
        world.startOperator(
            "fidelius-operator-happy-0",
            ChartEnvironment.defaults().scopedNamespace(NS),
            identity,
            world.workDir("irsa-rotation"));
    operator.awaitReady(Duration.ofSeconds(90));
    assertNoStaticAwsKeys(operator);

    Await.until(
        "both FideliusSecrets synced with web-identity credentials",
        Duration.ofSeconds(60),
        () -> kube.synced(NS, "irsa-fidelius") && kube.synced(NS, "irsa-sm"),
        () ->
            kube.reason(NS, "irsa-fidelius")
                + " / "
                + kube.reason(NS, "irsa-sm")
                + "\n"
                + operator.tail(15));
    // Compared as booleans: a failure message must not print a secret value.
    assertThat(kube.secretData(NS, "irsa-fidelius").equals(Map.of("db_password", dbPassword)))
        .as("irsa-fidelius holds the value the SDK wrote")
        .isTrue();
    assertThat(kube.secretData(NS, "irsa-sm").equals(Map.of("api_token", apiToken)))
        .as("irsa-sm holds the value of the Secrets Manager secret")
        .isTrue();
    assertThat(sts.webIdentitySessions()).as("AssumeRoleWithWebIdentity calls").hasSize(1);
    assertThat(sts.webIdentitySessions().get(0).tokenSha256())
        .as("the token sent is the one minted")
        .isEqualTo(identity.currentTokenSha256());

    // The kubelet rotates projected tokens; the SDK's next exchange must read the new one from the
    // file.
    identity.rotateToken();
    rotatedTokenSha256 = identity.currentTokenSha256();
  }

  @Test
  @Order(2)
  void rotationsReachTheSecretsAndRestartTheirTargetsOncePerChange() {
    // rot-1..3 read the Fidelius store (written by the real SDK), rot-4..6 Secrets Manager; each
    // restarts its
    // own workload, rot-6 a StatefulSet.
    List<String> names = List.of("rot-1", "rot-2", "rot-3", "rot-4", "rot-5", "rot-6");
    Map<String, String> current = new LinkedHashMap<>();
    for (String name : names) {
      String secret = secretName(name);
      String value = SecrecyAudit.seed(name + " v0");
      current.put(name, value);
      rotationWatch.expect(name, Map.of(secret, value));
      if (fidelius(name)) {
        sdk.put(TABLE, APP, null, "dev", secret, value);
      } else {
        sm.create(APP + ".dev." + secret, value);
      }
      String workload = workload(name);
      if (workload.startsWith("StatefulSet/")) {
        kube.statefulSet(NS, name);
      } else {
        kube.deployment(NS, name);
      }
      kube.apply(
          Manifests.fideliusSecret(
              NS,
              name,
              fidelius(name) ? "happy-fidelius" : "happy-sm",
              APP,
              REFRESH,
              List.of(secret),
              List.of(workload)));
    }
    Await.until(
        "six FideliusSecrets synced",
        Duration.ofSeconds(60),
        () -> names.stream().allMatch(n -> kube.synced(NS, n) && rotationWatch.holdsLatest(n)),
        () ->
            names.stream()
                .map(n -> n + "=" + kube.reason(NS, n))
                .collect(Collectors.joining(", ")));
    names.forEach(
        n -> assertThat(restarts(n)).as("restarts of %s after the first sync", n).isZero());

    int rounds = 2;
    for (int round = 1; round <= rounds; round++) {
      for (String name : names) {
        String secret = secretName(name);
        String value = SecrecyAudit.seed(name + " v" + round);
        current.put(name, value);
        rotationWatch.expect(name, Map.of(secret, value)); // declared before AWS has it
        if (fidelius(name)) {
          sdk.put(TABLE, APP, null, "dev", secret, value);
        } else {
          sm.put(APP + ".dev." + secret, value);
        }
      }
      int expectedRestarts = round;
      Await.until(
          "rotation " + round + " in every Secret and every workload restarted once",
          Duration.ofSeconds(60),
          () ->
              names.stream()
                  .allMatch(n -> rotationWatch.holdsLatest(n) && restarts(n) >= expectedRestarts),
          () ->
              names.stream()
                  .map(
                      n ->
                          n
                              + ": latest="
                              + rotationWatch.holdsLatest(n)
                              + " restarts="
                              + restarts(n))
                  .collect(Collectors.joining(", ")));
      // Two more refreshes of each: unchanged refreshes must not restart anything again.
      operator.awaitMoreUnchangedSyncs(2 * names.size());
      for (String name : names) {
        assertThat(restarts(name))
            .as("restarts of %s after %d rotations", name, round)
            .isEqualTo(round);
        assertThat(kube.fsec(NS, name).getStatus().getSyncedVersions().get(secretName(name)))
            .as("synced version of %s", name)
            .isEqualTo(
                fidelius(name)
                    ? String.valueOf(round + 1)
                    : sm.current(APP + ".dev." + secretName(name)).versionId());
      }
    }
    long fideliusWrites = names.stream().filter(IrsaAndRotationIT::fidelius).count() * rounds;
    long smWrites = names.size() * (long) rounds - fideliusWrites;
    rotationLedger.fault(
        rounds
            + " rotation rounds: "
            + fideliusWrites
            + " Fidelius SDK writes, "
            + smWrites
            + " PutSecretValue; "
            + names.size() * rounds
            + " workload restarts expected and seen");
  }

  @Test
  @Order(3)
  void refreshesItsCredentialsBeforeTheyExpire() {
    Await.until(
        "a credential refresh (the SDK prefetches 10 to 190 s after issue)",
        Duration.ofSeconds(240),
        () -> sts.webIdentitySessions().size() >= 2,
        () -> sts.webIdentitySessions().size() + " session(s)");
    List<WebIdentitySession> sessions = sts.webIdentitySessions();
    for (int i = 1; i < sessions.size(); i++) {
      WebIdentitySession before = sessions.get(i - 1);
      WebIdentitySession after = sessions.get(i);
      assertThat(after.issuedAt())
          .as("refresh %d happened before the previous session expired", i)
          .isBefore(before.expiration().minusSeconds(60));
      assertThat(after.accessKeyId())
          .as("refresh %d issued new credentials", i)
          .isNotEqualTo(before.accessKeyId());
    }
    assertThat(sessions.get(1).tokenSha256())
        .as("the refresh read the rotated token file")
        .isEqualTo(rotatedTokenSha256);

    // New versions after the refresh reach both Secrets: listed, read and decrypted with the new
    // credentials.
    String dbPassword = SecrecyAudit.seed("irsa db_password after refresh");
    String apiToken = SecrecyAudit.seed("irsa api_token after refresh");
    irsaWatch.expect("irsa-fidelius", Map.of("db_password", dbPassword));
    irsaWatch.expect("irsa-sm", Map.of("api_token", apiToken));
    long decryptsBefore = kms.requests("kms.Decrypt");
    sdk.put(TABLE, APP, null, "dev", "db_password", dbPassword);
    sm.put(APP + ".dev.api_token", apiToken);
    Await.until(
        "rotations synced with the refreshed credentials",
        Duration.ofSeconds(30),
        () -> irsaWatch.holdsLatest("irsa-fidelius") && irsaWatch.holdsLatest("irsa-sm"));
    assertThat(kms.requests("kms.Decrypt"))
        .as("KMS Decrypt of the new version")
        .isGreaterThan(decryptsBefore);

    // Every AWS request the operator made was signed with a key STS issued for its web identity,
    // and the
    // refreshed key was used.
    Set<String> issued =
        sts.webIdentitySessions().stream()
            .map(WebIdentitySession::accessKeyId)
            .collect(Collectors.toCollection(HashSet::new));
    Set<String> used = new HashSet<>();
    for (FaultProxy p : List.of(secretsManager, kms, dynamo)) {
      used.addAll(p.signingKeys());
      assertThat(p.unsignedRequests()).as("unsigned requests through " + p.name()).isZero();
    }
    assertThat(used)
        .as("access keys that signed the operator's AWS requests")
        .isNotEmpty()
        .isSubsetOf(issued);
    assertThat(used)
        .as("the refreshed credentials signed requests")
        .contains(sessions.get(1).accessKeyId());
    assertThat(operator.metric("fidelius_syncs_total", "result", "failed"))
        .as("failed syncs")
        .isZero();
    irsaLedger.fault(
        "STS sessions of "
            + SESSION.toSeconds()
            + " s: "
            + (sts.webIdentitySessions().size() - 1)
            + " refresh(es) before expiry; token file rotated once");
  }

  private static boolean fidelius(String name) {
    return name.compareTo("rot-4") < 0;
  }

  private static String secretName(String name) {
    return name.replace("-", "") + "_password";
  }

  private static String workload(String name) {
    return (name.equals("rot-6") ? "StatefulSet/" : "Deployment/") + name;
  }

  private static long restarts(String name) {
    return workload(name).startsWith("StatefulSet/")
        ? kube.statefulSetRestarts(NS, name)
        : kube.restarts(NS, name);
  }

  /**
   * The process environment as the kernel has it: no static AWS key, no profile, only web identity.
   */
  private static void assertNoStaticAwsKeys(OperatorProcess process) throws IOException {
    Path environ = Path.of("/proc", String.valueOf(process.pid()), "environ");
    Set<String> names =
        Arrays.stream(new String(Files.readAllBytes(environ)).split("\0"))
            .map(kv -> kv.contains("=") ? kv.substring(0, kv.indexOf('=')) : kv)
            .collect(Collectors.toSet());
    assertThat(names)
        .contains("AWS_ROLE_ARN", "AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_ENDPOINT_URL_STS")
        .doesNotContain(
            "AWS_ACCESS_KEY_ID",
            "AWS_SECRET_ACCESS_KEY",
            "AWS_SESSION_TOKEN",
            "AWS_PROFILE",
            "AWS_SHARED_CREDENTIALS_FILE",
            "AWS_CONTAINER_CREDENTIALS_FULL_URI");
    String cmdline =
        new String(Files.readAllBytes(Path.of("/proc", String.valueOf(process.pid()), "cmdline")));
    assertThat(cmdline).doesNotContain("aws.accessKeyId").doesNotContain("aws.secretAccessKey");
  }
}
