package dev.fidelius.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fidelius.operator.api.ClusterFideliusStore;
import dev.fidelius.operator.api.FideliusSecret;
import dev.fidelius.operator.api.FideliusStoreStatus;
import dev.fidelius.operator.config.OperatorConfig;
import dev.fidelius.operator.testsupport.ApiRequestCounter;
import dev.fidelius.operator.testsupport.ApiRequestCounter.Request;
import dev.fidelius.operator.testsupport.AwsTestClients;
import dev.fidelius.operator.testsupport.KubeApiServer;
import dev.fidelius.operator.testsupport.MotoServer;
import dev.fidelius.operator.testsupport.TestServers;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.Counter;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The API requests the operator sends for a new FideliusSecret and for a refresh that finds nothing
 * changed, counted by the operator's own Kubernetes client on a real API server: a new resource
 * costs one Secret write and one status write and no read of its target; a quiet refresh costs
 * nothing until lastRefreshTime is due again.
 */
@ExtendWith(TestServers.class)
class ApiRequestsIT {

  private static final String NS = "api-requests";
  private static final String STORE = "api-requests-sm";
  private static final Duration WAIT = Duration.ofSeconds(60);

  private static final ApiRequestCounter requests = new ApiRequestCounter();
  private static OperatorHarness operator;
  private static KubernetesClient kube;
  private static ClusterView view;
  private static AwsTestClients aws;
  private static SecretsManagerClient sm;

  @BeforeAll
  static void start(KubeApiServer server, MotoServer moto) {
    aws = new AwsTestClients();
    sm = aws.secretsManager(moto.endpoint());
    kube = server.newClient();
    view = new ClusterView(kube, WAIT);
    // This namespace only: the counts below are of this class's resources, not of those other
    // classes left in the shared API server.
    operator =
        new OperatorHarness(
                requests.client(server.config()), Map.of(OperatorConfig.WATCH_NAMESPACES, NS))
            .start();
    operator.namespace(NS, Map.of());
    view.apply(
        """
        apiVersion: fidelius.dev/v1alpha1
        kind: ClusterFideliusStore
        metadata: {name: api-requests-sm}
        spec:
          provider:
            secretsManager: {region: us-east-1}
          endpoints: {secretsManager: "%1$s", sts: "%1$s"}
          access:
            rules:
            - {namespaces: [%2$s], applications: ["*"], sdlcs: [dev]}
        """
            .formatted(moto.endpoint(), NS));
  }

  @AfterAll
  static void stop() {
    if (operator != null) {
      operator.close();
    }
    kube.close();
    aws.close();
  }

  @Test
  void aNewResourceCostsOneSecretWriteAndOneStatusWriteAndNoRead() {
    String prefix = "new-" + suffix();
    int n = 10;
    sm.createSecret(b -> b.name(smName(prefix)).secretString("v"));
    double syncsBefore = syncs();
    for (int i = 0; i < n; i++) {
      view.apply(fsec(prefix + "-" + i, prefix, "1h"));
    }
    for (int i = 0; i < n; i++) {
      view.awaitReady(NS, prefix + "-" + i);
    }
    // The informer's echo of each Secret write must not reconcile its resource again (it would
    // read all its secrets again). Echoes arrive within milliseconds of their writes: one more
    // resource synced after all of them is the point by which any follow-up would have run.
    String marker = prefix + "-marker";
    view.apply(fsec(marker, prefix, "1h"));
    view.awaitReady(NS, marker);
    assertThat(syncs() - syncsBefore)
        .as("syncs: one per resource and the marker, none for the echo of a Secret write")
        .isEqualTo(n + 1.0);

    Predicate<Request> targets = r -> r.path().startsWith(secretsPath() + prefix + "-");
    Predicate<Request> statuses =
        r -> r.path().startsWith(fsecPath() + prefix + "-") && r.path().endsWith("/status");
    assertThat(requests.matching(targets.and(r -> r.method().equals("GET"))))
        .as("reads of target Secrets the informer knows are absent")
        .isEmpty();
    assertThat(requests.matching(targets.and(r -> !r.method().equals("GET"))))
        .as("Secret writes: one apply each")
        .hasSize(n + 1)
        .allMatch(r -> r.method().equals("PATCH"));
    assertThat(requests.matching(statuses))
        .as("status writes: one each")
        .hasSize(n + 1)
        .allMatch(r -> r.method().equals("PATCH"));
    for (int i = 0; i < n; i++) {
      assertThat(ClusterView.value(view.secret(NS, prefix + "-" + i), "k")).isEqualTo("v");
    }
  }

  @Test
  void anExistingUnmanagedSecretIsStillRefusedWithoutATakeOver() {
    String name = "taken-" + suffix();
    sm.createSecret(b -> b.name(smName(name)).secretString("ours"));
    kube.secrets()
        .inNamespace(NS)
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(NS)
                .endMetadata()
                .withStringData(Map.of("k", "theirs"))
                .build())
        .create();

    view.apply(fsec(name, name, "1h"));

    view.awaitReason(NS, name, "TargetConflict");
    Secret secret = view.secret(NS, name);
    assertThat(ClusterView.value(secret, "k")).isEqualTo("theirs");
    assertThat(secret.getMetadata().getLabels()).isNullOrEmpty();
    // Gone, so that its retries leave the other tests' counts alone.
    kube.resources(FideliusSecret.class).inNamespace(NS).withName(name).delete();
  }

  @Test
  void aQuietRefreshWritesNothingUntilLastRefreshTimeIsDue() {
    String name = "quiet-" + suffix();
    sm.createSecret(b -> b.name(smName(name)).secretString("v"));
    double syncsBefore = syncs();
    view.apply(fsec(name, name, "2s"));
    view.awaitReady(NS, name);
    view.await("the follow-up reconcile", () -> syncs() - syncsBefore >= 2);
    Instant stamped = Instant.parse(view.fsec(NS, name).getStatus().getLastRefreshTime());
    long statusWritesBefore = requests.count(status(name));
    long secretRequestsBefore = requests.count(target(name));
    double quietBefore = unchangedSyncs();

    // Six quiet refreshes at 2 s. lastRefreshTime is due again after 4 intervals (8 s, less the
    // second of tolerance and the second of its truncation): 2 heartbeats at most.
    view.await("six quiet refreshes", () -> unchangedSyncs() - quietBefore >= 6);
    Duration elapsed = Duration.between(stamped, Instant.now());
    double quiet = unchangedSyncs() - quietBefore;

    long statusWrites = requests.count(status(name)) - statusWritesBefore;
    assertThat(requests.count(target(name)) - secretRequestsBefore)
        .as("Secret requests of quiet refreshes")
        .isZero();
    assertThat(statusWrites)
        .as("status writes in %s of %s quiet refreshes: heartbeats only", elapsed, quiet)
        .isLessThanOrEqualTo(1 + elapsed.toSeconds() / 6)
        .isLessThanOrEqualTo((long) (quiet / 3));
    // lastRefreshTime still moves: at most 4 intervals late.
    view.await(
        "lastRefreshTime advanced by a heartbeat",
        () -> Instant.parse(view.fsec(NS, name).getStatus().getLastRefreshTime()).isAfter(stamped));
    // Gone, so that its refreshes leave the other tests' counts alone.
    kube.resources(FideliusSecret.class).inNamespace(NS).withName(name).delete();
  }

  @Test
  void aStoreStatusChangeSyncsNoFideliusSecret() {
    String prefix = "store-" + suffix();
    sm.createSecret(b -> b.name(smName(prefix)).secretString("v"));
    int n = 3;
    for (int i = 0; i < n; i++) {
      view.apply(fsec(prefix + "-" + i, prefix, "1h"));
    }
    for (int i = 0; i < n; i++) {
      view.awaitReady(NS, prefix + "-" + i);
    }
    double syncsBefore = syncs();

    // What the operator's own store status writes do (change events live, their last event):
    // nothing its FideliusSecrets read has changed.
    kube.resources(ClusterFideliusStore.class)
        .withName(STORE)
        .editStatus(
            store -> {
              if (store.getStatus() == null) {
                store.setStatus(new FideliusStoreStatus());
              }
              store.getStatus().setObservedGeneration(store.getMetadata().getGeneration() + 100);
              return store;
            });
    String marker = prefix + "-marker";
    view.apply(fsec(marker, prefix, "1h"));
    view.awaitReady(NS, marker);

    assertThat(syncs() - syncsBefore)
        .as("syncs after a store status change: the marker's only")
        .isEqualTo(1.0);
  }

  @Test
  void aDeletedResourceLeavesNoPerResourceStateBehind() {
    String prefix = "gone-" + suffix();
    sm.createSecret(b -> b.name(smName(prefix)).secretString("v"));
    var sweeper = operator.runtime().changeEvents().sweeper();
    int trackedBefore = sweeper.resourceCount();
    int n = 5;
    for (int i = 0; i < n; i++) {
      view.apply(fsec(prefix + "-" + i, prefix, "1h"));
    }
    for (int i = 0; i < n; i++) {
      view.awaitReady(NS, prefix + "-" + i);
    }
    view.await(
        "change detection tracks the new resources",
        () -> sweeper.resourceCount() >= trackedBefore + n);

    for (int i = 0; i < n; i++) {
      kube.resources(FideliusSecret.class).inNamespace(NS).withName(prefix + "-" + i).delete();
    }

    view.await(
        "change detection forgets the deleted resources",
        () -> sweeper.resourceCount() == trackedBefore);
  }

  private static Predicate<Request> status(String name) {
    return r -> r.path().equals(fsecPath() + name + "/status");
  }

  private static Predicate<Request> target(String name) {
    return r -> r.path().equals(secretsPath() + name);
  }

  private static String secretsPath() {
    return "/api/v1/namespaces/" + NS + "/secrets/";
  }

  private static String fsecPath() {
    return "/apis/fidelius.dev/v1alpha1/namespaces/" + NS + "/fideliussecrets/";
  }

  private static double syncs() {
    return operator.runtime().metrics().registry().find("fidelius_syncs").counters().stream()
        .mapToDouble(Counter::count)
        .sum();
  }

  private static double unchangedSyncs() {
    Counter c =
        operator
            .runtime()
            .metrics()
            .registry()
            .find("fidelius_syncs")
            .tag("result", "unchanged")
            .counter();
    return c == null ? 0 : c.count();
  }

  private static String fsec(String name, String secret, String refresh) {
    return """
        apiVersion: fidelius.dev/v1alpha1
        kind: FideliusSecret
        metadata: {name: %s, namespace: %s}
        spec:
          storeRef: {name: api-requests-sm, kind: ClusterFideliusStore}
          application: REQ
          sdlc: dev
          refreshInterval: %s
          data: [{name: %s, key: k}]
        """
        .formatted(name, NS, refresh, secret);
  }

  /** The Secrets Manager name of a short secret name in application REQ, sdlc dev. */
  private static String smName(String shortName) {
    return "REQ.dev." + shortName;
  }

  private static String suffix() {
    return UUID.randomUUID().toString().substring(0, 8);
  }
}
