package dev.fidelius.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fidelius.e2e.support.Await;
import dev.fidelius.e2e.support.Chart;
import dev.fidelius.e2e.support.Cluster;
import dev.fidelius.e2e.support.OperatorProcess;
import dev.fidelius.e2e.support.ServiceAccountKubeconfig;
import dev.fidelius.operator.api.ClusterFideliusStore;
import dev.fidelius.operator.api.FideliusStore;
import dev.fidelius.operator.api.FideliusStoreSpec;
import dev.fidelius.operator.api.FideliusStoreStatus;
import dev.fidelius.operator.testsupport.AwsTestClients;
import dev.fidelius.operator.testsupport.KubeApiServer;
import dev.fidelius.operator.testsupport.MotoServer;
import dev.fidelius.operator.testsupport.TestServers;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * The chart's RBAC is enough, and no more: the chart is installed into a real API server with
 * helm-java, and the packaged operator runs with the environment of the installed Deployment and a
 * token of the chart's ServiceAccount (what its pod gets), against the AWS emulator. Cluster-wide
 * it does its whole job: watch stores, namespaces and FideliusSecrets, write Secrets and status,
 * merge into a Secret it does not own, record Events, restart a workload, act as a tenant's
 * ServiceAccount, and keep its Lease. Scoped, it serves its namespace and cannot even read a Secret
 * elsewhere.
 */
@ExtendWith(TestServers.class)
class ChartRbacIT {

  private static final String TENANT_ROLE = "arn:aws:iam::111122223333:role/chart-rbac-it-tenant";
  private static final Chart CHART = Chart.local();

  private static KubeApiServer server;
  private static Cluster admin;
  private static MotoServer moto;
  private static AwsTestClients aws;
  private static SecretsManagerClient operatorAccount;
  private static SecretsManagerClient tenantAccount;

  @BeforeAll
  static void start(MotoServer motoServer) {
    moto = motoServer;
    server = KubeApiServer.start(); // its own, so Helm owns the CRDs here
    admin = new Cluster(server.newClient());
    aws = new AwsTestClients();
    operatorAccount = aws.secretsManager(moto.endpoint());
    Credentials tenant =
        aws.factory()
            .sts(
                MotoServer.REGION,
                AnonymousCredentialsProvider.create(),
                Optional.of(moto.endpoint()))
            .assumeRoleWithWebIdentity(
                b ->
                    b.roleArn(TENANT_ROLE)
                        .roleSessionName("chart-rbac-it")
                        .webIdentityToken("emulator.does.not.verify"))
            .credentials();
    tenantAccount =
        aws.secretsManager(
            moto.endpoint(),
            StaticCredentialsProvider.create(
                AwsSessionCredentials.create(
                    tenant.accessKeyId(), tenant.secretAccessKey(), tenant.sessionToken())));
  }

  @AfterAll
  static void stop() {
    if (admin != null) {
      admin.client().close();
    }
    if (server != null) {
      server.close();
    }
    if (aws != null) {
      aws.close();
    }
  }

  @Test
  void clusterWideTheOperatorDoesItsWholeJobWithTheChartsRbac(@TempDir Path dir)
      throws IOException {
    // Stores reach the emulators through spec.endpoints, including a tenant's own namespaced store.
    CHART.install(
        "fidelius-operator",
        "fidelius-system",
        Map.of("replicaCount", 2, "allowNamespacedStoreEndpoints", true),
        server.kubeconfigYaml());
    admin.awaitCrdsEstablished();
    Map<String, String> env = installedEnv("fidelius-system", "fidelius-operator");
    assertThat(env).containsEntry("FIDELIUS_LEADER_ELECTION", "true");
    Path kubeconfig = serviceAccountKubeconfig(dir, "fidelius-system", "fidelius-operator");

    admin.namespace("team-a", Map.of("team", "a"));
    operatorAccount.createSecret(b -> b.name("PAYMENTS.dev.rbac-db").secretString("p1"));
    tenantAccount.createSecret(b -> b.name("PAYMENTS.dev.rbac-api-key").secretString("k1"));
    admin
        .client()
        .secrets()
        .inNamespace("team-a")
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName("legacy")
                .addToAnnotations("fidelius.dev/merge-allowed-from", "legacy")
                .endMetadata()
                .addToStringData("other", "keep-me")
                .build())
        .create();
    admin.apply(
        """
        apiVersion: fidelius.dev/v1alpha1
        kind: ClusterFideliusStore
        metadata: {name: rbac-cluster}
        spec:
          provider: {secretsManager: {region: us-east-1}}
          endpoints: {secretsManager: "%1$s", sts: "%1$s"}
          access:
            rules:
            - namespaceSelector: {matchLabels: {team: a}}
              applications: [PAYMENTS]
              sdlcs: [dev]
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: app, namespace: team-a}
        spec:
          selector: {matchLabels: {app: app}}
          template:
            metadata: {labels: {app: app}}
            spec: {containers: [{name: app, image: registry.k8s.io/pause:3.9}]}
        ---
        apiVersion: fidelius.dev/v1alpha1
        kind: FideliusSecret
        metadata: {name: db, namespace: team-a}
        spec:
          storeRef: {name: rbac-cluster, kind: ClusterFideliusStore}
          application: PAYMENTS
          sdlc: dev
          refreshInterval: 1s
          data: [{name: rbac-db, key: password}]
          rolloutRestartTargets: [{kind: Deployment, name: app}]
        ---
        apiVersion: fidelius.dev/v1alpha1
        kind: FideliusSecret
        metadata: {name: legacy, namespace: team-a}
        spec:
          storeRef: {name: rbac-cluster, kind: ClusterFideliusStore}
          application: PAYMENTS
          sdlc: dev
          data: [{name: rbac-db, key: merged}]
          target: {name: legacy, creationPolicy: Merge}
        ---
        apiVersion: v1
        kind: ServiceAccount
        metadata:
          name: tenant
          namespace: team-a
          annotations: {eks.amazonaws.com/role-arn: "%2$s"}
        ---
        apiVersion: fidelius.dev/v1alpha1
        kind: FideliusStore
        metadata: {name: own-role, namespace: team-a}
        spec:
          provider: {secretsManager: {region: us-east-1}}
          auth: {serviceAccountRef: {name: tenant}}
          endpoints: {secretsManager: "%1$s", sts: "%1$s"}
        ---
        apiVersion: fidelius.dev/v1alpha1
        kind: FideliusSecret
        metadata: {name: api, namespace: team-a}
        spec:
          storeRef: {name: own-role, kind: FideliusStore}
          application: PAYMENTS
          sdlc: dev
          data: [{name: rbac-api-key, key: API_KEY}]
        """
            .formatted(moto.endpoint(), TENANT_ROLE));

    OperatorProcess leader = startReady("fidelius-operator-0", env, kubeconfig, dir);
    OperatorProcess standby = null;
    try {
      Await.until(
          "the first replica holds the Lease",
          () ->
              heldBy(
                  "fidelius-operator-0",
                  leaseHolder("fidelius-system", "fidelius-operator-leader")));
      standby = startReady("fidelius-operator-1", env, kubeconfig, dir);

      // Reads through a cluster store selected by namespace labels, writes an owned Secret and its
      // status.
      admin.awaitReady("team-a", "db");
      assertThat(admin.value("team-a", "db", "password")).isEqualTo("p1");
      // Reads a Secret it does not own, and merges a key into it.
      admin.awaitReady("team-a", "legacy");
      assertThat(admin.value("team-a", "legacy", "other")).isEqualTo("keep-me");
      assertThat(admin.value("team-a", "legacy", "merged")).isEqualTo("p1");
      // Reads the tenant's ServiceAccount, requests a token of it, and reads as the tenant's IAM
      // role.
      admin.awaitReady("team-a", "api");
      assertThat(admin.value("team-a", "api", "API_KEY")).isEqualTo("k1");
      // Store status.
      Await.until(
          "stores Ready",
          () ->
              storeReady(
                      admin
                          .client()
                          .resources(ClusterFideliusStore.class)
                          .withName("rbac-cluster")
                          .get())
                  && storeReady(
                      admin
                          .client()
                          .resources(FideliusStore.class)
                          .inNamespace("team-a")
                          .withName("own-role")
                          .get()));
      // Events on the FideliusSecrets.
      assertThat(admin.client().v1().events().inNamespace("team-a").list().getItems())
          .anySatisfy(
              e -> {
                assertThat(e.getInvolvedObject().getName()).isEqualTo("db");
                assertThat(e.getReason()).isEqualTo("Synced");
              });

      // A rotation updates the Secret and restarts the workload.
      operatorAccount.putSecretValue(b -> b.secretId("PAYMENTS.dev.rbac-db").secretString("p2"));
      Await.until(
          "the rotation reaches the Secret",
          () -> "p2".equals(admin.value("team-a", "db", "password")));
      Await.until("the Deployment restarts", () -> restartedAt("team-a", "app") != null);

      // The Lease is renewed (renewal uses other verbs than acquisition) and the leader keeps
      // running.
      ZonedDateTime renewed = leaseRenewTime("fidelius-system", "fidelius-operator-leader");
      Await.until(
          "the Lease is renewed",
          () -> leaseRenewTime("fidelius-system", "fidelius-operator-leader").isAfter(renewed));
      assertThat(leader.isAlive()).isTrue();
      assertThat(standby.probe("/healthz")).as("a standby replica is live").isEqualTo(200);
      assertThat(standby.probe("/readyz")).as("and ready").isEqualTo(200);
      assertThat(standby.log()).doesNotContain("Secret db");

      // SIGTERM releases the Lease at once (no wait for it to expire), and the standby takes over.
      assertThat(leader.stopGracefully(Duration.ofSeconds(10)))
          .as("the leader stops by itself on SIGTERM")
          .isTrue();
      Await.until(
          "the standby holds the Lease",
          () ->
              heldBy(
                  "fidelius-operator-1",
                  leaseHolder("fidelius-system", "fidelius-operator-leader")));
      operatorAccount.putSecretValue(b -> b.secretId("PAYMENTS.dev.rbac-db").secretString("p3"));
      Await.until(
          "the new leader syncs", () -> "p3".equals(admin.value("team-a", "db", "password")));

      assertThat(leader.log() + standby.log()).doesNotContainIgnoringCase("forbidden");
    } finally {
      leader.close();
      if (standby != null) {
        standby.close();
      }
    }
  }

  @Test
  void scopedTheOperatorServesItsNamespaceAndCannotReadSecretsElsewhere(@TempDir Path dir)
      throws IOException {
    admin.namespace(
        "team-b", Map.of()); // the scoped namespace exists before the release: its Role goes there
    admin.namespace("elsewhere", Map.of());
    // One release owns the CRDs: the cluster-wide one when it ran first, else this one.
    boolean crdsInstalled =
        admin
                .client()
                .apiextensions()
                .v1()
                .customResourceDefinitions()
                .withName("fideliussecrets.fidelius.dev")
                .get()
            != null;
    // The tenant's own store reaches the emulators through spec.endpoints, which a namespaced store
    // may only set
    // when the cluster admin allows it.
    CHART.install(
        "fidelius-scoped",
        "scoped-system",
        Map.of(
            "installCRDs",
            !crdsInstalled,
            "scopedNamespace",
            "team-b",
            "scopedRBAC",
            true,
            "allowNamespacedStoreEndpoints",
            true),
        server.kubeconfigYaml());
    admin.awaitCrdsEstablished();
    Map<String, String> env = installedEnv("scoped-system", "fidelius-scoped-fidelius-operator");
    assertThat(env)
        .containsEntry("FIDELIUS_WATCH_NAMESPACES", "team-b")
        .containsEntry("FIDELIUS_WATCH_CLUSTER_RESOURCES", "false");
    Path kubeconfig =
        serviceAccountKubeconfig(dir, "scoped-system", "fidelius-scoped-fidelius-operator");

    admin
        .client()
        .secrets()
        .inNamespace("elsewhere")
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName("not-yours")
                .endMetadata()
                .addToStringData("password", "x")
                .build())
        .create();
    tenantAccount.createSecret(b -> b.name("PAYMENTS.dev.scoped-api-key").secretString("s1"));
    for (String ns : List.of("team-b", "elsewhere")) {
      admin.apply(
          """
          apiVersion: v1
          kind: ServiceAccount
          metadata:
            name: tenant
            namespace: %1$s
            annotations: {eks.amazonaws.com/role-arn: "%3$s"}
          ---
          apiVersion: fidelius.dev/v1alpha1
          kind: FideliusStore
          metadata: {name: own-role, namespace: %1$s}
          spec:
            provider: {secretsManager: {region: us-east-1}}
            auth: {serviceAccountRef: {name: tenant}}
            endpoints: {secretsManager: "%2$s", sts: "%2$s"}
          ---
          apiVersion: fidelius.dev/v1alpha1
          kind: FideliusSecret
          metadata: {name: api, namespace: %1$s}
          spec:
            storeRef: {name: own-role, kind: FideliusStore}
            application: PAYMENTS
            sdlc: dev
            data: [{name: scoped-api-key, key: API_KEY}]
          """
              .formatted(ns, moto.endpoint(), TENANT_ROLE));
    }

    try (OperatorProcess operator = startReady("fidelius-scoped-0", env, kubeconfig, dir);
        KubernetesClient asOperator =
            ServiceAccountKubeconfig.client(Files.readString(kubeconfig))) {
      admin.awaitReady("team-b", "api");
      assertThat(admin.value("team-b", "api", "API_KEY")).isEqualTo("s1");
      assertThat(admin.ready("elsewhere", "api")).as("not served outside team-b").isEmpty();
      assertThat(admin.client().secrets().inNamespace("elsewhere").withName("api").get()).isNull();

      assertThat(asOperator.secrets().inNamespace("team-b").withName("api").get()).isNotNull();
      assertForbidden(
          () -> asOperator.secrets().inNamespace("elsewhere").withName("not-yours").get());
      assertForbidden(() -> asOperator.secrets().inAnyNamespace().list());
      assertForbidden(() -> asOperator.namespaces().list());
      assertForbidden(() -> asOperator.resources(ClusterFideliusStore.class).list());
      assertForbidden(
          () -> asOperator.serviceAccounts().inNamespace("elsewhere").withName("tenant").get());
      assertThat(operator.isAlive()).isTrue();
      assertThat(operator.log()).doesNotContainIgnoringCase("forbidden");
    }
  }

  /** The operator container's environment as the installed Deployment has it. */
  private static Map<String, String> installedEnv(String namespace, String deployment) {
    Deployment d =
        admin.client().apps().deployments().inNamespace(namespace).withName(deployment).get();
    assertThat(d).as("Deployment %s/%s installed by the chart", namespace, deployment).isNotNull();
    Map<String, String> env = new LinkedHashMap<>();
    for (EnvVar var : d.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv()) {
      env.put(var.getName(), var.getValue());
    }
    return env;
  }

  private static Path serviceAccountKubeconfig(Path dir, String namespace, String name)
      throws IOException {
    Path file = dir.resolve(name + ".kubeconfig");
    Files.writeString(
        file,
        ServiceAccountKubeconfig.create(admin.client(), namespace, name, Duration.ofHours(1)));
    return file;
  }

  /** What a pod adds to the chart's environment: its AWS identity (IRSA in EKS) and its name. */
  /**
   * The jar with the installed Deployment's environment and the emulator's keys, as pod {@code
   * podName}.
   */
  private static OperatorProcess startReady(
      String podName, Map<String, String> env, Path kubeconfig, Path dir) {
    return OperatorProcess.launch(podName)
        .env(env)
        .env(
            Map.of(
                "AWS_ACCESS_KEY_ID",
                "testing",
                "AWS_SECRET_ACCESS_KEY",
                "testing",
                "AWS_REGION",
                "us-east-1",
                "AWS_EC2_METADATA_DISABLED",
                "true"))
        .kubeconfig(kubeconfig)
        .log(dir.resolve(podName + ".log"))
        .startReady(Duration.ofSeconds(90));
  }

  /**
   * Lease holders are the pod name plus a random suffix (two processes never share an identity).
   */
  private static boolean heldBy(String pod, String holder) {
    return holder != null && holder.startsWith(pod + "-");
  }

  private static String leaseHolder(String namespace, String name) {
    Lease lease = admin.client().leases().inNamespace(namespace).withName(name).get();
    return lease == null ? null : lease.getSpec().getHolderIdentity();
  }

  private static ZonedDateTime leaseRenewTime(String namespace, String name) {
    return admin
        .client()
        .leases()
        .inNamespace(namespace)
        .withName(name)
        .get()
        .getSpec()
        .getRenewTime();
  }

  private static String restartedAt(String namespace, String deployment) {
    Map<String, String> annotations =
        admin
            .client()
            .apps()
            .deployments()
            .inNamespace(namespace)
            .withName(deployment)
            .get()
            .getSpec()
            .getTemplate()
            .getMetadata()
            .getAnnotations();
    return annotations == null ? null : annotations.get("kubectl.kubernetes.io/restartedAt");
  }

  private static boolean storeReady(CustomResource<FideliusStoreSpec, FideliusStoreStatus> store) {
    return store != null
        && store.getStatus() != null
        && store.getStatus().getConditions().stream()
            .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  private static void assertForbidden(ThrowingCallable call) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(403));
  }
}
