package dev.fidelius.e2e.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fidelius.e2e.support.Await;
import dev.fidelius.e2e.support.ChartEnvironment;
import dev.fidelius.e2e.support.Cluster;
import dev.fidelius.e2e.support.E2eWorld;
import dev.fidelius.e2e.support.IrsaIdentity;
import dev.fidelius.e2e.support.MotoIam;
import dev.fidelius.e2e.support.OperatorProcess;
import dev.fidelius.operator.api.ClusterFideliusStore;
import dev.fidelius.operator.testsupport.MotoServer;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * A store's change-event queue the operator may no longer read: moto enforces IAM, and a policy on
 * the operator's role (IRSA) denies {@code sqs:ReceiveMessage} while everything else stays allowed.
 * The operator process must keep running, the store's status must say that events are not live
 * ({@code AccessDenied}), and a rotation must still arrive at the FideliusSecret's refreshInterval
 * (3 s), far sooner than the 10-minute safety interval that applies while events are live.
 */
class QueueAccessDeniedIT {

  private static final String NS = "e2e-queue-denied";
  private static final String STORE = "queue-denied-sm";
  private static final String SECRET = "QDENIED.dev.api_token";
  private static final Duration REFRESH = Duration.ofSeconds(3);

  private static E2eWorld world;
  private static Cluster kube;
  private static MotoServer moto;
  private static MotoIam iam;
  private static OperatorProcess operator;
  private static SecretsManagerClient sm;

  @BeforeAll
  static void start() {
    world = E2eWorld.get();
    kube = world.kube();
    kube.namespace(NS);
    moto = MotoServer.start();
    iam = MotoIam.setUp(moto.endpoint(), IrsaIdentity.ROLE_ARN);
    AwsCredentialsProvider writer = iam.writerCredentials();
    sm =
        world
            .aws()
            .factory()
            .secretsManager(MotoServer.REGION, writer, Optional.of(moto.endpoint()));
    SqsClient sqs =
        world.aws().factory().sqs(MotoServer.REGION, writer, Optional.of(moto.endpoint()));
    String queueUrl = sqs.createQueue(b -> b.queueName("fidelius-events-denied")).queueUrl();
    sm.createSecret(b -> b.name(SECRET).secretString("denied-v1"));
    kube.apply(
        """
        apiVersion: fidelius.dev/v1alpha1
        kind: ClusterFideliusStore
        metadata: {name: %1$s}
        spec:
          provider:
            secretsManager: {region: us-east-1}
          endpoints: {secretsManager: "%2$s"}
          changeEvents:
            sqs: {queueUrl: "%3$s", endpoint: "%2$s"}
          access:
            rules:
            - {namespaces: [%4$s], applications: [QDENIED], sdlcs: [dev]}
        """
            .formatted(STORE, moto.endpoint(), queueUrl, NS));
    kube.apply(
        Manifests.fideliusSecret(
            NS,
            "api",
            STORE,
            "QDENIED",
            REFRESH.toSeconds() + "s",
            List.of("api_token"),
            List.of()));
    IrsaIdentity identity =
        IrsaIdentity.create(
            world.client(),
            "fidelius-system",
            "fidelius-operator-queue-denied",
            world.workDir("queue-denied").resolve("token"),
            moto.endpoint());
    operator =
        world.startOperator(
            "fidelius-operator-queue-denied-0",
            ChartEnvironment.defaults()
                .scopedNamespace(NS)
                .minRefreshInterval(Duration.ofSeconds(1)),
            identity,
            world.workDir("queue-denied"));
    operator.awaitReady(Duration.ofSeconds(90));
  }

  @AfterAll
  static void stop() {
    if (operator != null) {
      operator.stop();
    }
    if (iam != null) {
      iam.relax();
      iam.close();
    }
    if (moto != null) {
      moto.close();
    }
  }

  @Test
  void aDeniedQueueIsReportedAndPollingAtTheRefreshIntervalTakesOver() {
    Await.until(
        "api synced",
        Duration.ofSeconds(60),
        () -> "denied-v1".equals(kube.value(NS, "api", "api_token")),
        () -> kube.reason(NS, "api"));
    Await.until(
        "the queue is live",
        Duration.ofSeconds(60),
        () -> changeEvents().map(c -> "True".equals(c.getStatus())).orElse(false),
        () -> String.valueOf(changeEvents().orElse(null)));

    iam.deny("sqs:ReceiveMessage");
    iam.enforce();
    // The long poll under way ends within 20 s; the next one is refused.
    Await.until(
        "the store says events are not live, access denied",
        Duration.ofSeconds(90),
        () ->
            changeEvents()
                .map(c -> "False".equals(c.getStatus()) && "AccessDenied".equals(c.getReason()))
                .orElse(false),
        () -> String.valueOf(changeEvents().orElse(null)));

    long rotated = System.nanoTime();
    sm.putSecretValue(b -> b.secretId(SECRET).secretString("denied-v2")); // nothing announces it
    // Within 45 s: polling at refreshInterval (3 s), not at the 10-minute safety interval.
    Await.until(
        "the rotation arrives by polling",
        Duration.ofSeconds(45),
        () -> "denied-v2".equals(kube.value(NS, "api", "api_token")),
        () -> kube.reason(NS, "api"));
    Duration took = Duration.ofNanos(System.nanoTime() - rotated);
    System.out.println(
        "[QueueAccessDeniedIT] rotation by polling with the queue denied: "
            + took.toMillis()
            + " ms");

    assertThat(operator.isAlive()).as("the operator process still runs").isTrue();
    assertThat(kube.synced(NS, "api")).as("api is Ready/Synced").isTrue();
    assertThat(operator.log()).doesNotContain("denied-v1").doesNotContain("denied-v2");
  }

  private static Optional<Condition> changeEvents() {
    ClusterFideliusStore store =
        world.client().resources(ClusterFideliusStore.class).withName(STORE).get();
    if (store == null || store.getStatus() == null || store.getStatus().getConditions() == null) {
      return Optional.empty();
    }
    return store.getStatus().getConditions().stream()
        .filter(c -> "ChangeEvents".equals(c.getType()))
        .findFirst();
  }
}
