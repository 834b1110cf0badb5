package dev.fidelius.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fidelius.operator.api.ClusterFideliusStore;
import dev.fidelius.operator.api.FideliusSecret;
import dev.fidelius.operator.aws.AwsCallCounter;
import dev.fidelius.operator.config.OperatorConfig;
import dev.fidelius.operator.testsupport.AwsTestClients;
import dev.fidelius.operator.testsupport.KubeApiServer;
import dev.fidelius.operator.testsupport.MotoServer;
import dev.fidelius.operator.testsupport.TestServers;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Secret;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Access is decided again whenever what it depends on changes: the store's rules, the labels of the
 * FideliusSecret's namespace, the FideliusSecret itself. Revoked, a FideliusSecret reports
 * AccessDenied, its Secret keeps the data last synced, and nothing is read or written for it even
 * when the source rotates; restored, updates resume with the current value. Deny rules revoke the
 * same way.
 */
@ExtendWith(TestServers.class)
class AccessRevocationIT {

  private static final Duration WAIT = Duration.ofSeconds(45);

  /**
   * Several 1 s refresh intervals and sweeps: long enough for a rotation to arrive, were it allowed
   * to.
   */
  private static final Duration ROTATION_WINDOW = Duration.ofSeconds(4);

  private static final String SUFFIX = UUID.randomUUID().toString().substring(0, 6);
  private static final String APP = "REVOKE" + SUFFIX.toUpperCase(Locale.ROOT);
  private static final String NS = "revoke-" + SUFFIX;
  private static final String OPERATIONS_LABEL = "fidelius.dev/reader-" + SUFFIX;

  private static OperatorHarness operator;
  private static ClusterView cluster;
  private static AwsTestClients aws;
  private static SecretsManagerClient sm;
  private static MotoServer moto;

  @BeforeAll
  static void start(KubeApiServer server, MotoServer motoServer) {
    moto = motoServer;
    aws = new AwsTestClients();
    sm = aws.secretsManager(moto.endpoint());
    operator = new OperatorHarness(server, Map.of(OperatorConfig.WATCH_NAMESPACES, NS)).start();
    cluster = new ClusterView(operator.client(), WAIT);
    operator.namespace(NS, Map.of(OPERATIONS_LABEL, "true"));
  }

  @AfterAll
  static void stop() {
    if (operator != null) {
      operator.close();
    }
    if (aws != null) {
      aws.close();
    }
  }

  /** One FideliusSecret at a time, so that "no value read" can only be about the one under test. */
  @AfterEach
  void deleteFideliusSecrets() {
    cluster.kube().resources(FideliusSecret.class).inNamespace(NS).delete();
    cluster.await(
        "FideliusSecrets deleted",
        () ->
            cluster
                .kube()
                .resources(FideliusSecret.class)
                .inNamespace(NS)
                .list()
                .getItems()
                .isEmpty());
  }

  @Test
  void removingTheRuleStopsUpdatesAndRestoringItResumesThem() {
    String store = "rule-" + SUFFIX;
    String admitting = "{namespaces: [" + NS + "], applications: [" + APP + "], sdlcs: [dev]}";
    String elsewhere = "{namespaces: [somewhere-else], applications: [" + APP + "], sdlcs: [dev]}";
    cluster.apply(store(store, admitting));
    String secret = syncedSecret("by-rule", store, "dev");

    cluster.apply(store(store, elsewhere));
    Condition denied = cluster.awaitReason(NS, "by-rule", "AccessDenied");
    assertThat(denied.getMessage())
        .isEqualTo(
            "ClusterFideliusStore \"" + store + "\" does not admit namespace \"" + NS + "\"");

    assertNothingHappensWhileTheSourceRotates("by-rule", secret, "AccessDenied");

    cluster.apply(store(store, admitting));
    awaitValue("by-rule", secret, "v2");
  }

  @Test
  void aNamespaceLabelDecidesThroughANamespaceSelector() {
    String store = "selector-" + SUFFIX;
    cluster.apply(
        store(
            store,
            "{namespaceSelector: {matchLabels: {"
                + OPERATIONS_LABEL
                + ": \"true\"}},"
                + " applications: [\"*\"], sdlcs: [dev]}"));
    String secret = syncedSecret("by-label", store, "dev");

    operator.namespace(NS, Map.of(OPERATIONS_LABEL, "false"));
    cluster.awaitReason(NS, "by-label", "AccessDenied");
    assertNothingHappensWhileTheSourceRotates("by-label", secret, "AccessDenied");

    operator.namespace(NS, Map.of(OPERATIONS_LABEL, "true"));
    awaitValue("by-label", secret, "v2");
  }

  @Test
  void changingTheFideliusSecretIsDecidedAgain() {
    String store = "spec-" + SUFFIX;
    cluster.apply(
        store(store, "{namespaces: [" + NS + "], applications: [" + APP + "], sdlcs: [dev]}"));
    String secret = syncedSecret("by-spec", store, "dev");
    sm.createSecret(
        b -> b.name(APP + ".prod." + secret).secretString("prod-value-" + UUID.randomUUID()));

    cluster.apply(fsec("by-spec", store, "prod", secret));
    Condition denied = cluster.awaitReason(NS, "by-spec", "AccessDenied");
    assertThat(denied.getMessage()).contains("requested application " + APP + ", sdlc prod");
    assertNothingHappensWhileTheSourceRotates("by-spec", secret, "AccessDenied");

    cluster.apply(fsec("by-spec", store, "dev", secret));
    awaitValue("by-spec", secret, "v2");
  }

  @Test
  void addingADenyRuleRevokesWhatAnAllowRuleAdmitsAndRemovingItRestores() {
    String store = "deny-" + SUFFIX;
    String platformWide = "{namespaces: [\"*\"], applications: [\"*\"], sdlcs: [\"*\"]}";
    cluster.apply(store(store, platformWide));
    String secret = syncedSecret("by-deny", store, "dev");

    cluster.apply(
        store(
            store,
            platformWide,
            "{namespaces: [somewhere-else], applications: [\"*\"], sdlcs: [\"*\"]}",
            "{applications: [" + APP.toLowerCase(Locale.ROOT) + "], sdlcs: [\"d*\"]}"));
    Condition denied = cluster.awaitReason(NS, "by-deny", "AccessDenied");
    assertThat(denied.getMessage())
        .isEqualTo(
            "ClusterFideliusStore \""
                + store
                + "\" refuses namespace \""
                + NS
                + "\" application "
                + APP
                + ", sdlc dev: denied by access.deny[1]");

    assertNothingHappensWhileTheSourceRotates("by-deny", secret, "AccessDenied");

    cluster.apply(store(store, platformWide));
    awaitValue("by-deny", secret, "v2");
  }

  @Test
  void aNamespaceLabelMakesASelectorDenyMatch() {
    String store = "deny-selector-" + SUFFIX;
    String denyLabel = "fidelius.dev/frozen-" + SUFFIX;
    cluster.apply(
        store(
            store,
            "{namespaces: [" + NS + "], applications: [\"*\"], sdlcs: [dev]}",
            "{namespaceSelector: {matchLabels: {"
                + denyLabel
                + ": \"true\"}},"
                + " applications: [\"*\"], sdlcs: [\"*\"]}"));
    String secret = syncedSecret("by-deny-label", store, "dev");

    operator.namespace(NS, Map.of(OPERATIONS_LABEL, "true", denyLabel, "true"));
    try {
      Condition denied = cluster.awaitReason(NS, "by-deny-label", "AccessDenied");
      assertThat(denied.getMessage())
          .endsWith("denied by access.deny[0]")
          .doesNotContain(denyLabel);
      assertNothingHappensWhileTheSourceRotates("by-deny-label", secret, "AccessDenied");
    } finally {
      operator.namespace(NS, Map.of(OPERATIONS_LABEL, "true"));
    }
    awaitValue("by-deny-label", secret, "v2");
  }

  @Test
  void aBadDenyRuleStopsTheStoreInsteadOfDenyingLess() {
    String store = "deny-bad-" + SUFFIX;
    String admitting = "{namespaces: [" + NS + "], applications: [\"*\"], sdlcs: [dev]}";
    cluster.apply(store(store, admitting));
    String secret = syncedSecret("by-bad-deny", store, "dev");

    cluster.apply(
        store(
            store,
            admitting,
            "{namespaceSelector: {matchExpressions: [{key: team, operator: Equals, values: [a]}]},"
                + " applications: [\"*\"], sdlcs: [\"*\"]}"));
    cluster.await(
        "the store reports its bad deny rule",
        () -> {
          var status = cluster.kube().resources(ClusterFideliusStore.class).withName(store).get();
          return status.getStatus() != null
              && status.getStatus().getConditions() != null
              && status.getStatus().getConditions().stream()
                  .anyMatch(
                      c ->
                          "InvalidSpec".equals(c.getReason())
                              && c.getMessage()
                                  .equals(
                                      "spec.access.deny[0].namespaceSelector.matchExpressions[0]"
                                          + ".operator must be In, NotIn, Exists or DoesNotExist"));
        });
    cluster.awaitReason(NS, "by-bad-deny", "StoreNotReady");
    assertNothingHappensWhileTheSourceRotates("by-bad-deny", secret, "StoreNotReady");
  }

  // ---------------------------------------------------------------------------------------------------------

  /**
   * A FideliusSecret synced with value v1 of secret {@code APP.dev.<name>-src}; returns the
   * source's name.
   */
  private static String syncedSecret(String name, String store, String sdlc) {
    String source = name + "-src";
    sm.createSecret(b -> b.name(APP + "." + sdlc + "." + source).secretString("v1"));
    cluster.apply(fsec(name, store, sdlc, source));
    cluster.awaitReady(NS, name);
    assertThat(ClusterView.value(cluster.secret(NS, name), source)).isEqualTo("v1");
    return source;
  }

  /**
   * Rotates the dev source to v2 and watches for a while: the Secret keeps v1 untouched, the status
   * keeps {@code reason}, and the operator reads no value at all.
   */
  private static void assertNothingHappensWhileTheSourceRotates(
      String name, String source, String reason) {
    Secret before = cluster.secret(NS, name);
    Map<String, String> versionsBefore = cluster.fsec(NS, name).getStatus().getSyncedVersions();
    AwsCallCounter calls = operator.runtime().awsCalls();
    var callsBefore = calls.snapshot();

    sm.putSecretValue(b -> b.secretId(APP + ".dev." + source).secretString("v2"));
    ClusterView.pause(ROTATION_WINDOW);

    Secret after = cluster.secret(NS, name);
    assertThat(ClusterView.value(after, source))
        .as("the Secret keeps the data last synced")
        .isEqualTo("v1");
    assertThat(after.getMetadata().getResourceVersion())
        .as("the Secret is not written")
        .isEqualTo(before.getMetadata().getResourceVersion());
    assertThat(cluster.reason(NS, name)).isEqualTo(reason);
    assertThat(cluster.fsec(NS, name).getStatus().getSyncedVersions()).isEqualTo(versionsBefore);
    var since = calls.since(callsBefore);
    assertThat(
            since.getOrDefault(new AwsCallCounter.Call("secretsmanager", "BatchGetSecretValue"), 0L)
                + since.getOrDefault(
                    new AwsCallCounter.Call("secretsmanager", "GetSecretValue"), 0L))
        .as("values read while revoked (calls: %s)", since)
        .isZero();
  }

  private static void awaitValue(String name, String source, String value) {
    cluster.await(
        name + " resumes with the rotated value",
        () -> value.equals(ClusterView.value(cluster.secret(NS, name), source)));
    cluster.awaitReady(NS, name);
  }

  private static String store(String name, String rule, String... deny) {
    return """
        apiVersion: fidelius.dev/v1alpha1
        kind: ClusterFideliusStore
        metadata: {name: %s}
        spec:
          provider: {secretsManager: {region: us-east-1}}
          endpoints: {secretsManager: "%s", sts: "%s"}
          access:
            rules:
            - %s
            deny: [%s]
        """
        .formatted(name, moto.endpoint(), moto.endpoint(), rule, String.join(", ", deny));
  }

  private static String fsec(String name, String store, String sdlc, String source) {
    return """
        apiVersion: fidelius.dev/v1alpha1
        kind: FideliusSecret
        metadata: {name: %s, namespace: %s}
        spec:
          storeRef: {name: %s, kind: ClusterFideliusStore}
          application: %s
          sdlc: %s
          refreshInterval: 1s
          data: [{name: %s}]
        """
        .formatted(name, NS, store, APP, sdlc, source);
  }
}
