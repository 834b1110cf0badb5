package dev.fidelius.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fidelius.operator.api.FideliusSecret;
import dev.fidelius.operator.api.FideliusSecretStatus;
import dev.fidelius.operator.testsupport.AwsTestClients;
import dev.fidelius.operator.testsupport.KubeApiServer;
import dev.fidelius.operator.testsupport.MotoServer;
import dev.fidelius.operator.testsupport.TestServers;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cluster commands against a real API server with the CRDs installed, and store commands whose
 * store is a ClusterFideliusStore/FideliusStore of the kube context, acting on moto.
 */
@ExtendWith(TestServers.class)
class ClusterCommandsIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dir;
  private static KubernetesClient kube;
  private static CliStores stores;
  private static Path kubeconfig;
  private static Cli cli;

  @BeforeAll
  static void start(KubeApiServer server, MotoServer moto) throws Exception {
    kube = server.newClient();
    stores = new CliStores(moto, dir);
    kubeconfig = server.writeKubeconfig(dir.resolve("kubeconfig"));
    cli = new Cli("--kubeconfig", kubeconfig.toString());
    Crds.install(kube);
    namespace("cli-team-a", Map.of("team", "a"));
    namespace("cli-team-b", Map.of());
    apply(
        """
        apiVersion: fidelius.dev/v1alpha1
        kind: ClusterFideliusStore
        metadata: {name: cli-fidelius}
        spec:
          provider:
            dynamodb: {table: %s, region: us-east-1, kmsKeyId: %s}
          endpoints: {dynamodb: "%s", kms: "%s", sts: "%s"}
          access:
            rules:
            - {namespaces: [cli-team-a], applications: [PAYMENTS], sdlcs: [dev, qa]}
            - {namespaceSelector: {matchLabels: {team: a}}, applications: [SHARED], sdlcs: ["*"]}
            - {namespaces: [someone-else], applications: [OTHER], sdlcs: [prod]}
            deny:
            - {namespaces: [someone-else], applications: ["*"], sdlcs: [qa]}
            - {namespaceSelector: {matchLabels: {team: a}}, applications: [SHARED], sdlcs: [dev]}
        """
            .formatted(
                stores.table, stores.keyAlias, moto.endpoint(), moto.endpoint(), moto.endpoint()));
    apply(
        """
        apiVersion: fidelius.dev/v1alpha1
        kind: FideliusStore
        metadata: {name: own-sm, namespace: cli-team-b}
        spec:
          provider:
            secretsManager: {region: us-east-1}
          endpoints: {secretsManager: "%s", sts: "%s"}
        """
            .formatted(moto.endpoint(), moto.endpoint()));
    secret(
        "cli-team-a",
        "db",
        "PAYMENTS",
        "False",
        "NotFound",
        "PAYMENTS.dev.db_password does not exist");
    secret("cli-team-a", "payroll", "PAYROLL", "False", "AccessDenied", "refused by the store");
    secret("cli-team-a", "shared", "SHARED", "False", "AccessDenied", "refused by a deny rule");
    secret("cli-team-b", "ok", "PAYMENTS", "True", "Synced", "synced 1 key");
    kube.v1()
        .events()
        .inNamespace("cli-team-a")
        .resource(
            new EventBuilder()
                .withNewMetadata()
                .withName("db.cli-1")
                .endMetadata()
                .withNewInvolvedObject()
                .withApiVersion("fidelius.dev/v1alpha1")
                .withKind("FideliusSecret")
                .withName("db")
                .withNamespace("cli-team-a")
                .endInvolvedObject()
                .withType("Warning")
                .withReason("SyncFailed")
                .withMessage("PAYMENTS.dev.db_password does not exist")
                .withLastTimestamp(Instant.now().toString())
                .withCount(1)
                .build())
        .create();
  }

  @AfterAll
  static void stop() {
    stores.close();
    kube.close();
  }

  @Test
  void statusListsEachFideliusSecretWithItsReadyReason() throws Exception {
    Cli.Result table = cli.run("status", "-n", "cli-team-a");
    Cli.Result all = cli.run("status", "-A", "-o", "json");

    assertThat(table.exit()).as(table.toString()).isZero();
    assertThat(table.out())
        .containsPattern("cli-team-a\\s+db\\s+False\\s+NotFound\\s+cli-fidelius\\s+PAYMENTS\\s+dev")
        .contains("payroll")
        .doesNotContain("cli-team-b");
    JsonNode rows = JSON.readTree(all.out());
    assertThat(rows)
        .extracting(
            r ->
                r.get("namespace").asText()
                    + "/"
                    + r.get("name").asText()
                    + "="
                    + r.get("reason").asText())
        .contains("cli-team-a/db=NotFound", "cli-team-b/ok=Synced");
  }

  @Test
  void whyShowsTheConditionTheEventsAndTheAccessDecision() throws Exception {
    Cli.Result db = cli.run("why", "db", "-n", "cli-team-a");
    Cli.Result payroll = cli.run("why", "payroll", "-n", "cli-team-a", "-o", "yaml");

    assertThat(db.exit()).as(db.toString()).isZero();
    assertThat(db.out())
        .contains(
            "Ready:  False (NotFound)",
            "Access: admitted",
            "access rule 1",
            "SyncFailed",
            "Warning");
    assertThat(payroll.out()).contains("admitted: false", "reason: AccessDenied");
    assertThat(payroll.out())
        .contains("only for applications [PAYMENTS]", "requested application PAYROLL");
    Cli.Result shared = cli.run("why", "shared", "-n", "cli-team-a");
    assertThat(shared.out())
        .as("the deny rule beats the allow rule 2 that admits SHARED in any sdlc")
        .contains(
            "Access: refused",
            "ClusterFideliusStore \"cli-fidelius\" refuses namespace \"cli-team-a\" application"
                + " SHARED, sdlc dev: denied by access.deny[1]")
        .doesNotContain("someone-else");
    Cli.Result missing = cli.run("why", "nope", "-n", "cli-team-a");
    assertThat(missing.exit()).isEqualTo(ExitCodes.NOT_FOUND);
    assertThat(missing.err())
        .isEqualTo("fidelius: FideliusSecret cli-team-a/nope does not exist\n");
  }

  @Test
  void syncSetsTheForceSyncAnnotation() {
    Instant before = Instant.now().minusSeconds(1);
    Cli.Result sync = cli.run("sync", "db", "-n", "cli-team-a");

    assertThat(sync.exit()).as(sync.toString()).isZero();
    String stamp =
        kube.resources(FideliusSecret.class)
            .inNamespace("cli-team-a")
            .withName("db")
            .get()
            .getMetadata()
            .getAnnotations()
            .get("fidelius.dev/force-sync");
    assertThat(Instant.parse(stamp)).isAfter(before);
    assertThat(cli.run("sync", "nope", "-n", "cli-team-a").exit()).isEqualTo(ExitCodes.NOT_FOUND);
  }

  @Test
  void accessListsWhatTheRulesAdmitANamespaceTo() throws Exception {
    JsonNode teamA = JSON.readTree(cli.run("access", "cli-team-a", "-o", "json").out());
    JsonNode teamB = JSON.readTree(cli.run("access", "cli-team-b", "-o", "json").out());

    assertThat(teamA)
        .extracting(
            r ->
                r.get("store").asText()
                    + " "
                    + r.get("effect").asText()
                    + "#"
                    + r.get("rule").asText()
                    + ":"
                    + r.get("applications")
                    + r.get("sdlcs"))
        .containsExactly(
            "cli-fidelius deny#access.deny[1]:[\"SHARED\"][\"dev\"]",
            "cli-fidelius allow#1:[\"PAYMENTS\"][\"dev\",\"qa\"]",
            "cli-fidelius allow#2:[\"SHARED\"][\"*\"]");
    assertThat(teamB)
        .extracting(r -> r.get("kind").asText() + "/" + r.get("store").asText())
        .containsExactly("FideliusStore/own-sm");
    assertThat(cli.run("access", "no-such-namespace").exit()).isEqualTo(ExitCodes.NOT_FOUND);
  }

  @Test
  void storeCommandsFindTheirStoreInTheCluster() {
    String app = CliStores.freshApp();
    Cli.Result put =
        cli.runWithInput(
            "from-cluster-store",
            "put",
            "--store",
            "cli-fidelius",
            "-a",
            app,
            "-s",
            "dev",
            "db_password");
    Cli.Result get =
        cli.run("get", "--store", "cli-fidelius", "-a", app, "-s", "dev", "db_password");
    Cli.Result viaNamespaced =
        cli.runWithInput(
            "in-sm",
            "put",
            "--store",
            "own-sm",
            "--store-kind",
            "FideliusStore",
            "-n",
            "cli-team-b",
            "-a",
            app,
            "-s",
            "dev",
            "x");

    assertThat(put.exit()).as(put.toString()).isZero();
    assertThat(put.out()).contains("ClusterFideliusStore \"cli-fidelius\"");
    assertThat(get.out()).isEqualTo("from-cluster-store\n");
    assertThat(viaNamespaced.exit()).as(viaNamespaced.toString()).isZero();
    assertThat(viaNamespaced.out()).contains("Secrets Manager");
    Cli.Result unknown = cli.run("get", "--store", "nope", "-a", app, "-s", "dev", "db_password");
    assertThat(unknown.exit()).isEqualTo(ExitCodes.NOT_FOUND);
    assertThat(unknown.err())
        .startsWith("fidelius: ClusterFideliusStore \"nope\" does not exist")
        .hasLineCount(1);
  }

  @Test
  void parameterStoreAndS3StoresOfTheClusterServeStoreCommandsWithTheirKmsKey(MotoServer moto) {
    String bucket = "cli-cluster-" + UUID.randomUUID().toString().substring(0, 8);
    try (AwsTestClients aws = new AwsTestClients()) {
      aws.factory()
          .s3(MotoServer.REGION, MotoServer.CREDENTIALS, Optional.of(moto.endpoint()))
          .createBucket(b -> b.bucket(bucket));
    }
    String endpoint = moto.endpoint().toString();
    apply(
        """
        apiVersion: fidelius.dev/v1alpha1
        kind: ClusterFideliusStore
        metadata: {name: cli-params}
        spec:
          provider:
            parameterStore: {region: us-east-1, prefix: /cli, kmsKeyId: %s}
          endpoints: {ssm: "%s", sts: "%s"}
        """
            .formatted(stores.keyAlias, endpoint, endpoint));
    apply(
        """
        apiVersion: fidelius.dev/v1alpha1
        kind: ClusterFideliusStore
        metadata: {name: cli-objects}
        spec:
          provider:
            s3: {bucket: %s, prefix: secrets/, region: us-east-1, encryption: KmsEnvelope,
                 encryptionContext: Fidelius, kmsKeyId: %s}
          endpoints: {s3: "%s", kms: "%s", sts: "%s"}
        """
            .formatted(bucket, stores.keyAlias, endpoint, endpoint, endpoint));
    String app = CliStores.freshApp();

    for (String store : List.of("cli-params", "cli-objects")) {
      Cli.Result put =
          cli.runWithInput(
              "via-" + store, "put", "--store", store, "-a", app, "-s", "dev", "api_key");
      Cli.Result get = cli.run("get", "--store", store, "-a", app, "-s", "dev", "api_key");

      assertThat(put.exit()).as(put.toString()).isZero();
      assertThat(put.out()).contains("ClusterFideliusStore \"" + store + "\"");
      assertThat(get.out()).isEqualTo("via-" + store + "\n");
    }
  }

  @Test
  void aKubeIdentityWithoutRightsGetsAccessDenied() throws Exception {
    kube.serviceAccounts()
        .inNamespace("cli-team-a")
        .resource(
            new ServiceAccountBuilder().withNewMetadata().withName("nobody").endMetadata().build())
        .createOr(NonDeletingOperation::update);
    String token =
        kube.serviceAccounts()
            .inNamespace("cli-team-a")
            .withName("nobody")
            .tokenRequest(
                new TokenRequestBuilder()
                    .withNewSpec()
                    .withExpirationSeconds(600L)
                    .endSpec()
                    .build())
            .getStatus()
            .getToken();
    Path nobody = dir.resolve("nobody-kubeconfig");
    Files.writeString(nobody, tokenKubeconfig(token));

    Cli.Result result =
        new Cli("--kubeconfig", nobody.toString()).run("status", "-n", "cli-team-a");

    assertThat(result.exit()).as(result.toString()).isEqualTo(ExitCodes.ACCESS_DENIED);
    assertThat(result.err())
        .startsWith("fidelius: listing FideliusSecrets: ")
        .contains("forbidden")
        .hasLineCount(1);
  }

  /** A kubeconfig for the same API server that authenticates with a bearer token only. */
  private static String tokenKubeconfig(String token) throws IOException {
    Config config = kube.getConfiguration();
    String ca =
        config.getCaCertData() != null && !config.getCaCertData().isBlank()
            ? config.getCaCertData()
            : Base64.getEncoder()
                .encodeToString(Files.readAllBytes(Path.of(config.getCaCertFile())));
    return """
        apiVersion: v1
        kind: Config
        clusters: [{name: c, cluster: {server: "%s", certificate-authority-data: %s}}]
        users: [{name: u, user: {token: %s}}]
        contexts: [{name: x, context: {cluster: c, user: u, namespace: cli-team-a}}]
        current-context: x
        """
        .formatted(config.getMasterUrl(), ca, token);
  }

  private static void namespace(String name, Map<String, String> labels) {
    kube.namespaces()
        .resource(
            new NamespaceBuilder()
                .withNewMetadata()
                .withName(name)
                .withLabels(labels)
                .endMetadata()
                .build())
        .createOr(NonDeletingOperation::update);
  }

  private static void apply(String yaml) {
    kube.resource(yaml).createOr(NonDeletingOperation::update);
  }

  private static void secret(
      String ns, String name, String app, String ready, String reason, String message) {
    apply(
        """
        apiVersion: fidelius.dev/v1alpha1
        kind: FideliusSecret
        metadata: {name: %s, namespace: %s}
        spec:
          storeRef: {name: cli-fidelius, kind: ClusterFideliusStore}
          application: %s
          sdlc: dev
          data: [{name: db_password}]
        """
            .formatted(name, ns, app));
    FideliusSecret fs = kube.resources(FideliusSecret.class).inNamespace(ns).withName(name).get();
    FideliusSecretStatus status = new FideliusSecretStatus();
    status.setConditions(
        List.of(
            new ConditionBuilder()
                .withType("Ready")
                .withStatus(ready)
                .withReason(reason)
                .withMessage(message)
                .withLastTransitionTime(Instant.now().toString())
                .withObservedGeneration(1L)
                .build()));
    status.setLastRefreshTime(Instant.now().toString());
    fs.setStatus(status);
    kube.resources(FideliusSecret.class).inNamespace(ns).resource(fs).updateStatus();
  }
}
