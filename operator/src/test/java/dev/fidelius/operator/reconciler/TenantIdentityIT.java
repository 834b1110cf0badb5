package dev.fidelius.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fidelius.operator.aws.AwsCallCounter;
import dev.fidelius.operator.config.OperatorConfig;
import dev.fidelius.operator.testsupport.AwsTestClients;
import dev.fidelius.operator.testsupport.KubeApiServer;
import dev.fidelius.operator.testsupport.MotoServer;
import dev.fidelius.operator.testsupport.TestServers;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Each tenant reads with its own AWS identity, and the operator pays STS once per identity, not per
 * reconcile.
 *
 * <p>Tenants {@code tenant-a-*} and {@code tenant-b-*} each have a ServiceAccount {@code
 * secrets-reader} annotated with their own role. They read through a ClusterFideliusStore with
 * {@code serviceAccountRef} (the operator asks the API server for a token of the tenant's
 * ServiceAccount and exchanges it with moto's STS through AssumeRoleWithWebIdentity), tenant a also
 * through a FideliusStore of its own with the same ServiceAccount, and both through a cross-account
 * ClusterFideliusStore with {@code assumeRole}, tagged per namespace. moto enforces no IAM, so what
 * is proven here is who the operator asks to be, and how often; that AWS refuses a role to a token
 * of another namespace is the role trust policy's job (README).
 *
 * <p>The tenants' own FideliusStore must reach moto, so this operator allows namespaced stores to
 * override endpoints ({@code FIDELIUS_ALLOW_NAMESPACED_STORE_ENDPOINTS=true}); TenantIsolationIT
 * shows the default.
 */
@ExtendWith(TestServers.class)
@TestMethodOrder(
    MethodOrderer.OrderAnnotation.class) // the late tenant adds a session: count before it
class TenantIdentityIT {

  private static final Duration WAIT = Duration.ofSeconds(45);
  private static final Duration STEADY_STATE = Duration.ofSeconds(10);
  private static final String SUFFIX = UUID.randomUUID().toString().substring(0, 6);
  private static final String APP = "IDENT" + SUFFIX.toUpperCase(Locale.ROOT);
  private static final String TENANT_A = "tenant-a-" + SUFFIX;
  private static final String TENANT_B = "tenant-b-" + SUFFIX;
  private static final String TENANT_C = "tenant-c-" + SUFFIX;
  private static final String PER_TENANT = "per-tenant-" + SUFFIX;
  private static final String CROSS_ACCOUNT = "cross-account-" + SUFFIX;
  private static final String OWN = "own-" + SUFFIX;

  /** In moto's default account: moto keeps secrets per account, and the seeded ones live there. */
  private static final String CROSS_ACCOUNT_ROLE =
      "arn:aws:iam::123456789012:role/fidelius-reader-" + SUFFIX;

  private static final String EXTERNAL_ID = "fidelius-" + SUFFIX;
  private static final int SECRETS_PER_TENANT = 4;

  private static OperatorHarness operator;
  private static ClusterView cluster;
  private static MotoServer moto;
  private static AwsTestClients aws;
  private static final List<String> FIDELIUS_SECRETS = new ArrayList<>();

  @BeforeAll
  static void start(KubeApiServer server, MotoServer motoServer) {
    moto = motoServer;
    aws = new AwsTestClients();
    SecretsManagerClient sm = aws.secretsManager(moto.endpoint());
    for (int i = 1; i <= SECRETS_PER_TENANT; i++) {
      int n = i;
      sm.createSecret(b -> b.name(APP + ".dev.s" + n).secretString("value-" + n));
    }
    operator =
        new OperatorHarness(
                server,
                Map.of(
                    OperatorConfig.WATCH_NAMESPACES,
                    String.join(",", TENANT_A, TENANT_B, TENANT_C),
                    OperatorConfig.ALLOW_NAMESPACED_STORE_ENDPOINTS,
                    "true"))
            .start();
    cluster = new ClusterView(operator.client(), WAIT);
    for (String tenant : new String[] {TENANT_A, TENANT_B, TENANT_C}) {
      operator.namespace(tenant, Map.of());
    }
    serviceAccount(TENANT_A);
    serviceAccount(TENANT_B);

    String rules =
        "rules: [{namespaces: [%s, %s, %s], applications: [%s], sdlcs: [dev]}]"
            .formatted(TENANT_A, TENANT_B, TENANT_C, APP);
    cluster.apply(clusterStore(PER_TENANT, "serviceAccountRef: {name: secrets-reader}", rules));
    cluster.apply(
        clusterStore(
            CROSS_ACCOUNT,
            "assumeRole: {roleArn: \"%s\", externalId: %s}"
                .formatted(CROSS_ACCOUNT_ROLE, EXTERNAL_ID),
            rules));
    cluster.apply(
        """
        apiVersion: fidelius.dev/v1alpha1
        kind: FideliusStore
        metadata: {name: %s, namespace: %s}
        spec:
          provider: {secretsManager: {region: us-east-1}}
          auth: {serviceAccountRef: {name: secrets-reader}}
          endpoints: {secretsManager: "%s", sts: "%s"}
        """
            .formatted(OWN, TENANT_A, moto.endpoint(), moto.endpoint()));

    for (String tenant : new String[] {TENANT_A, TENANT_B}) {
      for (int i = 1; i <= SECRETS_PER_TENANT; i++) {
        fsec(tenant, "per-tenant-" + i, PER_TENANT, "ClusterFideliusStore", "s" + i);
      }
      fsec(tenant, "cross-account", CROSS_ACCOUNT, "ClusterFideliusStore", "s1");
    }
    fsec(TENANT_A, "own-1", OWN, "FideliusStore", "s1");
    fsec(TENANT_A, "own-2", OWN, "FideliusStore", "s2");
    for (String ref : FIDELIUS_SECRETS) {
      String[] parts = ref.split("/");
      cluster.awaitReady(parts[0], parts[1]);
    }
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

  @Test
  @Order(1)
  void eachTenantActsAsItsOwnRoleAndCrossAccountSessionsAreTaggedPerNamespace() {
    assertThat(ClusterView.value(cluster.secret(TENANT_A, "own-2"), "s2")).isEqualTo("value-2");
    assertThat(ClusterView.value(cluster.secret(TENANT_B, "per-tenant-3"), "s3"))
        .isEqualTo("value-3");

    List<MotoServer.AssumedRole> sessions =
        moto.assumedRoles().stream().filter(s -> s.roleArn().contains(SUFFIX)).toList();
    assertThat(sessions)
        .containsExactlyInAnyOrder(
            new MotoServer.AssumedRole(
                role(TENANT_A), "fidelius-" + TENANT_A + "-secrets-reader", null),
            new MotoServer.AssumedRole(
                role(TENANT_B), "fidelius-" + TENANT_B + "-secrets-reader", null),
            new MotoServer.AssumedRole(CROSS_ACCOUNT_ROLE, "fidelius-operator", EXTERNAL_ID),
            new MotoServer.AssumedRole(CROSS_ACCOUNT_ROLE, "fidelius-operator", EXTERNAL_ID));
  }

  @Test
  @Order(2)
  void stsIsCalledOncePerIdentityNotPerReconcile() {
    AwsCallCounter calls = operator.runtime().awsCalls();
    long webIdentity = calls.count("sts", "AssumeRoleWithWebIdentity");
    long assumeRole = calls.count("sts", "AssumeRole");
    long syncsBefore = syncs();

    ClusterView.pause(STEADY_STATE);

    long syncsDuring = syncs() - syncsBefore;
    System.out.printf(
        "[sts-calls] %d FideliusSecrets in 2 namespaces through 3 stores (per-tenant serviceAccountRef,"
            + " a tenant's own serviceAccountRef store, cross-account assumeRole), 1s refresh: first syncs cost"
            + " AssumeRoleWithWebIdentity=%d AssumeRole=%d; the next %d s ran %d syncs and %d more STS calls%n",
        FIDELIUS_SECRETS.size(),
        webIdentity,
        assumeRole,
        STEADY_STATE.toSeconds(),
        syncsDuring,
        calls.count("sts") - webIdentity - assumeRole);
    // One session per (ServiceAccount, role): tenant a's own store shares its ServiceAccount's
    // session with the
    // cluster store. One assumed-role session per namespace: the session tags differ.
    assertThat(webIdentity).isEqualTo(2);
    assertThat(assumeRole).isEqualTo(2);
    assertThat(syncsDuring).as("syncs while measuring").isGreaterThan(FIDELIUS_SECRETS.size());
    assertThat(calls.count("sts"))
        .as("STS calls after the first syncs")
        .isEqualTo(webIdentity + assumeRole);
    ReadOnlyCalls.assertOnlyReads(calls);
  }

  @Test
  @Order(3)
  void aServiceAccountAppliedAfterTheFideliusSecretIsPickedUpWithoutTouchingIt() {
    cluster.apply(
        """
        apiVersion: fidelius.dev/v1alpha1
        kind: FideliusSecret
        metadata: {name: late, namespace: %s}
        spec:
          storeRef: {name: %s, kind: ClusterFideliusStore}
          application: %s
          sdlc: dev
          data: [{name: s1}]
        """
            .formatted(TENANT_C, PER_TENANT, APP));
    assertThat(cluster.awaitReason(TENANT_C, "late", "InvalidSpec").getMessage())
        .contains(
            "uses serviceAccountRef secrets-reader, but no ServiceAccount of that name exists in namespace "
                + TENANT_C);

    serviceAccount(TENANT_C);

    cluster.awaitReady(TENANT_C, "late");
    assertThat(moto.assumedRoles())
        .contains(
            new MotoServer.AssumedRole(
                role(TENANT_C), "fidelius-" + TENANT_C + "-secrets-reader", null));
  }

  // ---------------------------------------------------------------------------------------------------------

  private static String role(String tenant) {
    return "arn:aws:iam::123456789012:role/" + tenant + "-reader";
  }

  private static void serviceAccount(String tenant) {
    cluster
        .kube()
        .serviceAccounts()
        .inNamespace(tenant)
        .resource(
            new ServiceAccountBuilder()
                .withNewMetadata()
                .withName("secrets-reader")
                .withNamespace(tenant)
                .addToAnnotations("eks.amazonaws.com/role-arn", role(tenant))
                .endMetadata()
                .build())
        .serverSideApply();
  }

  private static void fsec(
      String namespace, String name, String store, String kind, String secret) {
    cluster.apply(
        """
        apiVersion: fidelius.dev/v1alpha1
        kind: FideliusSecret
        metadata: {name: %s, namespace: %s}
        spec:
          storeRef: {name: %s, kind: %s}
          application: %s
          sdlc: dev
          refreshInterval: 1s
          data: [{name: %s}]
        """
            .formatted(name, namespace, store, kind, APP, secret));
    FIDELIUS_SECRETS.add(namespace + "/" + name);
  }

  private static String clusterStore(String name, String auth, String rules) {
    return """
        apiVersion: fidelius.dev/v1alpha1
        kind: ClusterFideliusStore
        metadata: {name: %s}
        spec:
          provider: {secretsManager: {region: us-east-1}}
          auth: {%s}
          endpoints: {secretsManager: "%s", sts: "%s"}
          access: {%s}
        """
        .formatted(name, auth, moto.endpoint(), moto.endpoint(), rules);
  }

  /** Syncs so far, of any result, from the operator's metrics. */
  private static long syncs() {
    return operator
        .runtime()
        .metrics()
        .scrape()
        .lines()
        .filter(line -> line.startsWith("fidelius_syncs_total{"))
        .mapToLong(line -> (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
        .sum();
  }
}
