package dev.fidelius.e2e.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fidelius.e2e.support.Await;
import dev.fidelius.e2e.support.ChartEnvironment;
import dev.fidelius.e2e.support.Cluster;
import dev.fidelius.e2e.support.E2eWorld;
import dev.fidelius.e2e.support.FideliusSdk;
import dev.fidelius.e2e.support.IrsaIdentity;
import dev.fidelius.e2e.support.Kubectl;
import dev.fidelius.e2e.support.OperatorProcess;
import dev.fidelius.e2e.support.SecrecyAudit;
import dev.fidelius.e2e.support.SecretWatchdog;
import dev.fidelius.e2e.support.SecretsManagerSeeder;
import dev.fidelius.operator.testsupport.FideliusTables;
import io.fabric8.kubernetes.api.model.Condition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Bad input: invalid FideliusSecret and store manifests applied with the real kubectl. Each is
 * either rejected by the CRD schema (kubectl exits non-zero and names the field) or accepted and
 * reported by the operator (InvalidSpec on the FideliusSecret, or StoreNotReady with the store's
 * own InvalidSpec) with a message that names the problem. Meanwhile two healthy FideliusSecrets
 * keep being served: they rotate in the middle of the run and the rotations arrive.
 */
@ExtendWith(SuiteReport.class)
class BadInputIT {

  private static final String NS = "e2e-badinput";
  private static final String APP = "BADINPUT";
  private static final String TABLE = "e2e-badinput";
  private static final String SM_STORE = "badinput-sm";
  private static final String FIDELIUS_STORE = "badinput-fidelius";

  /** How a bad manifest must be turned away. */
  enum Expect {
    SCHEMA,
    INVALID_SPEC,
    STORE_NOT_READY
  }

  /**
   * One bad manifest: what is wrong, what must happen, and what the message must mention. For
   * STORE_NOT_READY the manifest holds a store and a FideliusSecret using it; {@code store} names
   * the store ("ns/name" for a FideliusStore, "name" for a ClusterFideliusStore, none when it does
   * not exist).
   */
  record Case(String name, String what, Expect expect, String yaml, String mention, String store) {}

  private static ScenarioLedger ledger;
  private static OperatorProcess operator;

  @AfterAll
  static void stop() {
    if (operator != null) {
      operator.stop();
    }
    if (ledger != null) {
      ledger.finish(E2eWorld.get().kube());
    }
  }

  @Test
  void everyBadManifestIsRejectedOrReportedClearlyWhileGoodOnesKeepBeingServed()
      throws IOException {
    E2eWorld world = E2eWorld.get();
    Cluster kube = world.kube();
    Kubectl kubectl = world.kubectl();
    ledger = new ScenarioLedger("Bad input (kubectl apply)");
    kube.namespace(NS);
    SecretWatchdog watch = ledger.watch(new SecretWatchdog(world.client(), NS));
    FideliusSdk sdk = world.fideliusSdk();
    SecretsManagerSeeder sm = new SecretsManagerSeeder(world.secretsManager());
    FideliusTables.create(world.dynamoDbClient(), TABLE);
    kube.apply(Manifests.secretsManagerStore(SM_STORE, world.moto().endpoint(), NS, APP));
    kube.apply(
        Manifests.fideliusStore(
            FIDELIUS_STORE, TABLE, world.dynamoDb(), world.moto().endpoint(), NS, APP));
    String token = SecrecyAudit.seed("badinput token v0");
    String password = SecrecyAudit.seed("badinput password v0");
    watch.expect("healthy-sm", Map.of("token", token));
    watch.expect("healthy-fidelius", Map.of("password", password));
    sm.create(APP + ".dev.token", token);
    sdk.put(TABLE, APP, null, "dev", "password", password);
    kube.apply(
        Manifests.fideliusSecret(
            NS, "healthy-sm", SM_STORE, APP, "2s", List.of("token"), List.of()));
    kube.apply(
        Manifests.fideliusSecret(
            NS, "healthy-fidelius", FIDELIUS_STORE, APP, "2s", List.of("password"), List.of()));

    IrsaIdentity identity =
        IrsaIdentity.create(
            world.client(),
            "fidelius-system",
            "fidelius-operator-badinput",
            world.workDir("bad-input").resolve("token"),
            world.moto().endpoint());
    operator =
        world.startOperator(
            "fidelius-operator-badinput-0",
            ChartEnvironment.defaults().scopedNamespace(NS),
            identity,
            world.workDir("bad-input"));
    operator.awaitReady(Duration.ofSeconds(90));
    Await.until(
        "the healthy FideliusSecrets synced",
        Duration.ofSeconds(60),
        () -> kube.synced(NS, "healthy-sm") && kube.synced(NS, "healthy-fidelius"));

    List<Case> cases = cases();
    assertThat(cases).hasSizeGreaterThanOrEqualTo(30);
    Path dir = Files.createDirectories(world.workDir("bad-input").resolve("manifests"));
    Map<Case, Kubectl.Result> applied = new LinkedHashMap<>();
    int half = cases.size() / 2;
    for (int i = 0; i < cases.size(); i++) {
      if (i == half) { // the healthy ones rotate while bad input keeps arriving
        token = SecrecyAudit.seed("badinput token v1");
        password = SecrecyAudit.seed("badinput password v1");
        watch.expect("healthy-sm", Map.of("token", token));
        watch.expect("healthy-fidelius", Map.of("password", password));
        sm.put(APP + ".dev.token", token);
        sdk.put(TABLE, APP, null, "dev", "password", password);
      }
      Case c = cases.get(i);
      Path file = dir.resolve(c.name() + ".yaml");
      Files.writeString(file, c.yaml());
      applied.put(c, kubectl.apply(file));
    }

    List<String> problems = new ArrayList<>();
    int schema = 0;
    int reported = 0;
    for (var entry : applied.entrySet()) {
      Case c = entry.getKey();
      Kubectl.Result result = entry.getValue();
      if (c.expect() == Expect.SCHEMA) {
        schema++;
        if (result.exitCode() == 0) {
          problems.add(c.name() + " (" + c.what() + "): kubectl accepted it");
        } else if (!result.output().contains(c.mention())) {
          problems.add(
              c.name()
                  + " ("
                  + c.what()
                  + "): kubectl's message does not mention '"
                  + c.mention()
                  + "': "
                  + result.output());
        } else if (kubectl.run("get", "-f", dir.resolve(c.name() + ".yaml").toString()).exitCode()
            == 0) {
          problems.add(c.name() + ": rejected, yet the resource exists");
        }
      } else if (result.exitCode() != 0) {
        problems.add(
            c.name()
                + " ("
                + c.what()
                + "): kubectl refused what the schema allows: "
                + result.output());
      }
    }
    for (Case c : applied.keySet()) {
      if (c.expect() == Expect.SCHEMA) {
        continue;
      }
      reported++;
      String reason = c.expect() == Expect.INVALID_SPEC ? "InvalidSpec" : "StoreNotReady";
      try {
        Await.until(
            c.name() + " reported as " + reason,
            Duration.ofSeconds(30),
            () -> {
              Optional<Condition> ready = kube.ready(NS, c.name());
              return ready.isPresent()
                  && "False".equals(ready.get().getStatus())
                  && reason.equals(ready.get().getReason())
                  && ready.get().getMessage().contains(c.mention());
            },
            () -> kube.reason(NS, c.name()) + ": " + kube.message(NS, c.name()));
        if (c.store() != null) {
          String[] parts = c.store().split("/");
          String storeNamespace = parts.length == 2 ? parts[0] : null;
          String storeName = parts[parts.length - 1];
          Await.until(
              c.store() + " reports its own problem",
              Duration.ofSeconds(30),
              () ->
                  kube.storeReady(storeNamespace, storeName)
                      .map(
                          s ->
                              "InvalidSpec".equals(s.getReason())
                                  && s.getMessage().contains(c.mention()))
                      .orElse(false),
              () ->
                  kube.storeReady(storeNamespace, storeName)
                      .map(Condition::getReason)
                      .orElse("no condition"));
        }
      } catch (AssertionError e) {
        problems.add(c.name() + " (" + c.what() + "): " + e.getMessage());
      }
    }
    assertThat(problems).as("bad manifests not turned away clearly").isEmpty();

    Await.until(
        "the healthy FideliusSecrets got their rotations",
        Duration.ofSeconds(30),
        () -> watch.holdsLatest("healthy-sm") && watch.holdsLatest("healthy-fidelius"));
    assertThat(kube.synced(NS, "healthy-sm") && kube.synced(NS, "healthy-fidelius"))
        .as("healthy ones Synced")
        .isTrue();
    assertThat(operator.isAlive()).isTrue();
    assertThat(operator.probe("/healthz")).as("/healthz").isEqualTo(200);
    for (Case c : cases) { // leave no broken cluster-scoped store behind for later scenarios
      if (c.expect() == Expect.STORE_NOT_READY) {
        kubectl.run(
            "delete", "--ignore-not-found", "-f", dir.resolve(c.name() + ".yaml").toString());
      }
    }
    ledger.fault(
        cases.size()
            + " invalid manifests: "
            + schema
            + " rejected by the schema, "
            + reported
            + " reported by the operator (InvalidSpec / StoreNotReady)");
  }

  // ---------------------------------------------------------------------------------------------------------

  private static final String GOOD_SM =
      """
      storeRef: {name: badinput-sm, kind: ClusterFideliusStore}
      application: BADINPUT
      sdlc: dev
      """;
  private static final String GOOD_FIDELIUS =
      """
      storeRef: {name: badinput-fidelius, kind: ClusterFideliusStore}
      application: BADINPUT
      sdlc: dev
      """;

  private static String fsec(String name, String spec) {
    return """
        apiVersion: fidelius.dev/v1alpha1
        kind: FideliusSecret
        metadata: {name: %s, namespace: %s}
        spec:
        %s"""
        .formatted(name, NS, spec.indent(2));
  }

  private static String clusterStore(String name, String spec) {
    return """
        apiVersion: fidelius.dev/v1alpha1
        kind: ClusterFideliusStore
        metadata: {name: %s}
        spec:
        %s"""
        .formatted(name, spec.indent(2));
  }

  private static String namespacedStore(String name, String spec) {
    return """
        apiVersion: fidelius.dev/v1alpha1
        kind: FideliusStore
        metadata: {name: %s, namespace: %s}
        spec:
        %s"""
        .formatted(name, NS, spec.indent(2));
  }

  private static final String ACCESS =
      """
      access:
        rules:
        - {namespaces: [e2e-badinput], applications: [BADINPUT], sdlcs: [dev]}
      """;

  private static Case schema(String name, String what, String yaml, String mention) {
    return new Case(name, what, Expect.SCHEMA, yaml, mention, null);
  }

  private static Case invalid(String name, String what, String spec, String mention) {
    return new Case(name, what, Expect.INVALID_SPEC, fsec(name, spec), mention, null);
  }

  /** A store with a problem the schema cannot see, and a FideliusSecret using it. */
  private static Case badStore(
      String name, String what, String storeYaml, String store, String storeRef, String mention) {
    String yaml =
        storeYaml
            + "---\n"
            + fsec(name, storeRef + "application: BADINPUT\nsdlc: dev\ndata: [{name: token}]\n");
    return new Case(name, what, Expect.STORE_NOT_READY, yaml, mention, store);
  }

  static List<Case> cases() {
    List<Case> c = new ArrayList<>();
    // Rejected by the CRD schema.
    c.add(
        schema(
            "bad-01",
            "no application",
            fsec(
                "bad-01",
                """
        storeRef: {name: badinput-sm, kind: ClusterFideliusStore}
        sdlc: dev
        data: [{name: token}]
        """),
            "application"));
    c.add(
        schema(
            "bad-02",
            "no sdlc",
            fsec(
                "bad-02",
                """
        storeRef: {name: badinput-sm, kind: ClusterFideliusStore}
        application: BADINPUT
        data: [{name: token}]
        """),
            "sdlc"));
    c.add(
        schema(
            "bad-03",
            "no storeRef",
            fsec(
                "bad-03",
                """
        application: BADINPUT
        sdlc: dev
        data: [{name: token}]
        """),
            "storeRef"));
    c.add(
        schema(
            "bad-04",
            "storeRef.kind not a store kind",
            fsec(
                "bad-04",
                """
        storeRef: {name: badinput-sm, kind: SecretStore}
        application: BADINPUT
        sdlc: dev
        data: [{name: token}]
        """),
            "kind"));
    c.add(
        schema(
            "bad-05",
            "storeRef.name not a DNS name",
            fsec(
                "bad-05",
                """
        storeRef: {name: Bad_Store, kind: ClusterFideliusStore}
        application: BADINPUT
        sdlc: dev
        data: [{name: token}]
        """),
            "name"));
    c.add(
        schema(
            "bad-06",
            "application with a dot",
            fsec(
                "bad-06",
                """
        storeRef: {name: badinput-sm, kind: ClusterFideliusStore}
        application: PAY.MENTS
        sdlc: dev
        data: [{name: token}]
        """),
            "application"));
    c.add(
        schema(
            "bad-07",
            "sdlc with a space",
            fsec("bad-07", GOOD_SM.replace("sdlc: dev", "sdlc: de v") + "data: [{name: token}]\n"),
            "sdlc"));
    c.add(
        schema(
            "bad-08",
            "component with a slash",
            fsec("bad-08", GOOD_SM + "component: a/b\ndata: [{name: token}]\n"),
            "component"));
    c.add(
        schema(
            "bad-09",
            "data item without name",
            fsec("bad-09", GOOD_SM + "data: [{key: token}]\n"),
            "name"));
    c.add(
        schema(
            "bad-10",
            "data key not a Secret key",
            fsec("bad-10", GOOD_SM + "data: [{name: token, key: \"bad key!\"}]\n"),
            "key"));
    c.add(
        schema(
            "bad-11",
            "refreshInterval not a duration",
            fsec("bad-11", GOOD_SM + "refreshInterval: soon\n" + "data: [{name: token}]\n"),
            "refreshInterval"));
    c.add(
        schema(
            "bad-12",
            "restart target kind Pod",
            fsec(
                "bad-12",
                GOOD_SM
                    + "data: [{name: token}]\n"
                    + "rolloutRestartTargets: [{kind: Pod, name: web}]\n"),
            "kind"));
    c.add(
        schema(
            "bad-13",
            "restart target without name",
            fsec(
                "bad-13",
                GOOD_SM
                    + "data: [{name: token}]\n"
                    + "rolloutRestartTargets: [{kind: Deployment}]\n"),
            "name"));
    c.add(
        schema(
            "bad-14",
            "creationPolicy Adopt",
            fsec(
                "bad-14",
                GOOD_SM + "data: [{name: token}]\n" + "target: {creationPolicy: Adopt}\n"),
            "creationPolicy"));
    c.add(
        schema(
            "bad-15",
            "deletionPolicy Never",
            fsec(
                "bad-15",
                GOOD_SM + "data: [{name: token}]\n" + "target: {deletionPolicy: Never}\n"),
            "deletionPolicy"));
    c.add(
        schema(
            "bad-16",
            "target.name not a DNS name",
            fsec("bad-16", GOOD_SM + "data: [{name: token}]\n" + "target: {name: Bad_Secret}\n"),
            "name"));
    c.add(
        schema(
            "bad-17",
            "immutable not a boolean",
            fsec("bad-17", GOOD_SM + "data: [{name: token}]\n" + "target: {immutable: \"yes\"}\n"),
            "immutable"));
    c.add(
        schema(
            "bad-18",
            "template mergePolicy Overwrite",
            fsec(
                "bad-18",
                GOOD_SM
                    + "data: [{name: token}]\n"
                    + "target: {template: {mergePolicy: Overwrite}}\n"),
            "mergePolicy"));
    c.add(
        schema(
            "bad-19",
            "keyPrefix with a space",
            fsec(
                "bad-19",
                GOOD_SM + "dataFrom: [{find: {nameRegex: tok}, keyPrefix: \"bad prefix\"}]\n"),
            "keyPrefix"));
    c.add(schema("bad-20", "data not a list", fsec("bad-20", GOOD_SM + "data: token\n"), "data"));
    c.add(
        schema(
            "bad-21",
            "version with a space",
            fsec("bad-21", GOOD_SM + "data: [{name: token, version: \"v 1\"}]\n"),
            "version"));
    c.add(
        schema(
            "bad-22",
            "Fidelius store without region",
            clusterStore(
                "bad-22",
                """
        provider:
          dynamodb: {table: t}
        """
                    + ACCESS),
            "region"));
    c.add(
        schema(
            "bad-23",
            "region with spaces",
            clusterStore(
                "bad-23",
                """
        provider:
          dynamodb: {region: US EAST 1}
        """
                    + ACCESS),
            "region"));
    c.add(
        schema(
            "bad-24",
            "KMS endpoint not http(s)",
            clusterStore(
                "bad-24",
                """
        provider:
          dynamodb: {region: us-east-1}
        endpoints: {kms: "ftp://kms.local"}
        """
                    + ACCESS),
            "kms"));
    c.add(
        schema(
            "bad-25",
            "roleArn not an IAM role ARN",
            clusterStore(
                "bad-25",
                """
        provider:
          secretsManager: {region: us-east-1}
        auth: {assumeRole: {roleArn: not-an-arn}}
        """
                    + ACCESS),
            "roleArn"));
    c.add(
        schema(
            "bad-26",
            "sessionName too short",
            clusterStore(
                "bad-26",
                """
        provider:
          secretsManager: {region: us-east-1}
        auth: {assumeRole: {roleArn: "arn:aws:iam::123456789012:role/reader", sessionName: x}}
        """
                    + ACCESS),
            "sessionName"));
    c.add(
        schema(
            "bad-27",
            "access rule without sdlcs",
            clusterStore(
                "bad-27",
                """
        provider:
          secretsManager: {region: us-east-1}
        access:
          rules:
          - {namespaces: [e2e-badinput], applications: [BADINPUT]}
        """),
            "sdlcs"));
    c.add(
        schema(
            "bad-28",
            "naming Flat",
            clusterStore(
                "bad-28",
                """
        provider:
          secretsManager: {region: us-east-1, naming: Flat}
        """
                    + ACCESS),
            "naming"));
    c.add(
        schema(
            "bad-29",
            "discovery Magic",
            clusterStore(
                "bad-29",
                """
        provider:
          secretsManager: {region: us-east-1, discovery: Magic}
        """
                    + ACCESS),
            "discovery"));
    c.add(
        schema(
            "bad-30",
            "store refreshInterval '1 hour'",
            clusterStore(
                "bad-30",
                """
        provider:
          secretsManager: {region: us-east-1}
        refreshInterval: 1 hour
        """
                    + ACCESS),
            "refreshInterval"));
    c.add(
        schema(
            "bad-31",
            "serviceAccountRef name with a space",
            namespacedStore(
                "bad-31",
                """
        provider:
          secretsManager: {region: us-east-1}
        auth: {serviceAccountRef: {name: "app reader"}}
        """),
            "name"));

    c.add(schema("bad-50", "store without provider", clusterStore("bad-50", ACCESS), "provider"));

    // Accepted by the schema, reported by the operator as InvalidSpec.
    c.add(
        invalid(
            "bad-32",
            "neither data nor dataFrom",
            GOOD_SM,
            "spec.data and spec.dataFrom are both empty"));
    c.add(
        invalid(
            "bad-33",
            "two items write one key",
            GOOD_SM + "data: [{name: token, key: k}, {name: other, key: k}]\n",
            "both write key"));
    c.add(
        invalid(
            "bad-34",
            "dataFrom item with no source",
            GOOD_SM + "dataFrom: [{keyPrefix: x_}]\n",
            "must set exactly one of find or extract"));
    c.add(
        invalid(
            "bad-35",
            "dataFrom item with two sources",
            GOOD_SM + "dataFrom: [{find: {nameRegex: t}, extract: {name: token}}]\n",
            "must set exactly one of find or extract"));
    c.add(
        invalid(
            "bad-36",
            "nameRegex does not compile",
            GOOD_SM + "dataFrom: [{find: {nameRegex: \"([\"}}]\n",
            "not a valid regular expression"));
    c.add(
        invalid(
            "bad-37",
            "version and versionStage",
            GOOD_SM + "data: [{name: token, version: \"1\", versionStage: AWSPREVIOUS}]\n",
            "sets both version and versionStage"));
    c.add(
        invalid(
            "bad-38",
            "versionStage on the Fidelius store",
            GOOD_FIDELIUS + "data: [{name: password, versionStage: AWSPREVIOUS}]\n",
            "only for Secrets Manager stores"));
    c.add(
        invalid(
            "bad-39",
            "Merge with immutable",
            GOOD_SM
                + "data: [{name: token}]\n"
                + "target: {creationPolicy: Merge, immutable: true}\n",
            "cannot be combined with creationPolicy Merge"));
    c.add(
        invalid(
            "bad-40",
            "Merge with a type",
            GOOD_SM
                + "data: [{name: token}]\n"
                + "target: {creationPolicy: Merge, type: kubernetes.io/tls}\n",
            "type cannot be set"));
    c.add(
        invalid(
            "bad-41",
            "template with an unterminated placeholder",
            GOOD_SM
                + "data: [{name: token}]\n"
                + "target: {template: {data: {url: \"https://{{ .token\"}}}\n",
            "unterminated placeholder"));
    c.add(
        invalid(
            "bad-42",
            "template with an unknown filter",
            GOOD_SM
                + "data: [{name: token}]\n"
                + "target: {template: {data: {url: \"{{ .token | rot13 }}\"}}}\n",
            "unknown filter"));
    c.add(
        invalid(
            "bad-43",
            "JSON property of a secret that is not JSON",
            GOOD_SM + "data: [{name: token, key: user, property: username}]\n",
            "not valid JSON"));
    c.add(
        invalid(
            "bad-44",
            "secret name that is not a valid key",
            GOOD_SM + "data: [{name: \"db:password\"}]\n",
            "not a valid Secret key"));

    // Stores the schema accepts but the operator cannot use: the store says why, the FideliusSecret
    // points at it.
    c.add(
        schema(
            "bad-45",
            "store with two providers (spec.provider has maxProperties 1)",
            clusterStore(
                "badinput-two-providers",
                """
        provider:
          dynamodb: {region: us-east-1}
          secretsManager: {region: us-east-1}
        """
                    + ACCESS),
            "spec.provider"));
    c.add(
        badStore(
            "bad-46",
            "endpoint URL without a host",
            clusterStore(
                "badinput-hostless-endpoint",
                """
        provider:
          dynamodb: {region: us-east-1}
        endpoints: {kms: "http:///kms"}
        """
                    + ACCESS),
            "badinput-hostless-endpoint",
            "storeRef: {name: badinput-hostless-endpoint, kind: ClusterFideliusStore}\n",
            "spec.endpoints.kms"));
    c.add(
        badStore(
            "bad-47",
            "namespaced store borrowing the operator's identity",
            namespacedStore(
                "badinput-no-sa",
                """
        provider:
          secretsManager: {region: us-east-1}
        """),
            NS + "/badinput-no-sa",
            "storeRef: {name: badinput-no-sa, kind: FideliusStore}\n",
            "must use spec.auth.serviceAccountRef"));
    c.add(
        badStore(
            "bad-48",
            "store with two kinds of auth",
            clusterStore(
                "badinput-two-auths",
                """
        provider:
          secretsManager: {region: us-east-1}
        auth:
          assumeRole: {roleArn: "arn:aws:iam::123456789012:role/reader"}
          serviceAccountRef: {name: reader}
        """
                    + ACCESS),
            "badinput-two-auths",
            "storeRef: {name: badinput-two-auths, kind: ClusterFideliusStore}\n",
            "at most one of assumeRole or serviceAccountRef"));
    c.add(
        new Case(
            "bad-49",
            "store that does not exist",
            Expect.STORE_NOT_READY,
            fsec(
                "bad-49",
                "storeRef: {name: badinput-missing, kind: ClusterFideliusStore}\napplication: BADINPUT\n"
                    + "sdlc: dev\ndata: [{name: token}]\n"),
            "not found",
            null));
    return c;
  }
}
