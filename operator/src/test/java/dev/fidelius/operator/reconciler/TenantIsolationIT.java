package dev.fidelius.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fidelius.operator.api.FideliusStore;
import dev.fidelius.operator.backend.SecretId;
import dev.fidelius.operator.config.OperatorConfig;
import dev.fidelius.operator.testsupport.AwsTestClients;
import dev.fidelius.operator.testsupport.FideliusSdk;
import dev.fidelius.operator.testsupport.FideliusTables;
import dev.fidelius.operator.testsupport.KubeApiServer;
import dev.fidelius.operator.testsupport.MotoServer;
import dev.fidelius.operator.testsupport.TestServers;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * A tenant cannot obtain another application's or a production secret by any path, through either
 * backend.
 *
 * <p>Two tenants share one cluster and one operator: namespace {@code pay-*} is admitted to
 * PAYMENTS in dev and qa, namespace {@code payroll-*} to PAYROLL in dev, and only a namespace
 * labelled for operations (none here) to production. The same secrets exist in the Fidelius store
 * (DynamoDB and KMS in moto) and in Secrets Manager (moto). The payments tenant then tries every
 * path the API offers to read a PAYROLL secret or a PAYMENTS production secret. Each attempt must
 * end with a Ready reason that says why, and afterwards no Secret, status, Event or log line
 * anywhere may hold a protected value; the payroll tenant's own Secret is the only place its value
 * may be.
 *
 * <p>The operator runs with the default policy for namespaced stores (no operator identity, no
 * endpoint overrides) and watches only the two tenant namespaces.
 */
@ExtendWith(TestServers.class)
class TenantIsolationIT {

  private static final Duration WAIT = Duration.ofSeconds(45);
  private static final String SUFFIX = UUID.randomUUID().toString().substring(0, 6);
  private static final String PAY = "pay-" + SUFFIX;
  private static final String PAYROLL = "payroll-" + SUFFIX;
  private static final String FIDELIUS = "fid-" + SUFFIX;
  private static final String SECRETS_MANAGER = "sm-" + SUFFIX;
  private static final String NO_RULES = "open-" + SUFFIX;
  private static final String PER_TENANT_SA = "sa-" + SUFFIX;

  /**
   * Applications unique to this run: moto's Secrets Manager is shared by every test class of the
   * JVM.
   */
  private static final String PAYMENTS = "PAYMENTS" + SUFFIX.toUpperCase(java.util.Locale.ROOT);

  private static final String PAYROLL_APP = "PAYROLL" + SUFFIX.toUpperCase(java.util.Locale.ROOT);

  /** Protected values, unique to this run so that a match can only come from this test. */
  private static final String PROD_VALUE = "prod-" + UUID.randomUUID();

  private static final String PAYROLL_VALUE = "payroll-" + UUID.randomUUID();

  /** A production secret whose short name begins with "dev.": APP.prod.dev.api_key. */
  private static final String PROD_ALIASED_VALUE = "prod-aliased-" + UUID.randomUUID();

  /** A production secret of component "dev": APP.dev.prod.token. */
  private static final String COMPONENT_DEV_PROD_VALUE = "component-dev-prod-" + UUID.randomUUID();

  private static final String OWN_VALUE = "own-" + UUID.randomUUID();

  private static OperatorHarness operator;
  private static ClusterView cluster;
  private static LogCapture logs;
  private static LeakCheck leaks;
  private static AwsTestClients aws;

  @BeforeAll
  static void start(KubeApiServer server, MotoServer moto) {
    logs = new LogCapture();
    aws = new AwsTestClients();
    String table = seedFideliusStore(moto);
    seedSecretsManager(aws.secretsManager(moto.endpoint()));

    operator =
        new OperatorHarness(server, Map.of(OperatorConfig.WATCH_NAMESPACES, PAY + "," + PAYROLL))
            .start();
    cluster = new ClusterView(operator.client(), WAIT);
    leaks = new LeakCheck(operator.client(), logs);
    operator.namespace(PAY, Map.of("team", "payments"));
    operator.namespace(PAYROLL, Map.of("team", "payroll"));
    String rules =
        """
          access:
            rules:
            - {namespaces: [%s], applications: [%s], sdlcs: [dev, qa]}
            - {namespaces: [%s], applications: [%s], sdlcs: [dev]}
            - namespaceSelector: {matchLabels: {fidelius.dev/operations-%s: "true"}}
              applications: ["*"]
              sdlcs: [prod]
        """
            .formatted(PAY, PAYMENTS, PAYROLL, PAYROLL_APP, SUFFIX);
    cluster.apply(
        """
        apiVersion: fidelius.dev/v1alpha1
        kind: ClusterFideliusStore
        metadata: {name: %s}
        spec:
          provider: {dynamodb: {table: %s, region: us-east-1}}
          endpoints: {dynamodb: "%s", kms: "%s", sts: "%s"}
        %s"""
            .formatted(FIDELIUS, table, moto.endpoint(), moto.endpoint(), moto.endpoint(), rules));
    cluster.apply(smStore(SECRETS_MANAGER, moto, rules));
    cluster.apply(smStore(NO_RULES, moto, ""));

    // The payroll tenant syncs its own secret through both stores: its value is then in the shared
    // value
    // caches of both backends, which must not let the payments tenant read it either.
    for (String store : new String[] {FIDELIUS, SECRETS_MANAGER}) {
      cluster.apply(
          fsec(PAYROLL, "own-" + store, store, PAYROLL_APP, "dev", "data: [{name: db_password}]"));
      cluster.awaitReady(PAYROLL, "own-" + store);
    }
    cluster.apply(fsec(PAY, "own", FIDELIUS, PAYMENTS, "dev", "data: [{name: db_password}]"));
    cluster.awaitReady(PAY, "own");
    // The checks below would find a value if it were anywhere: they find the tenants' own.
    assertThat(leaks.secretsHolding(OWN_VALUE)).containsExactly(PAY + "/own");
    assertThat(leaks.secretsHolding(PAYROLL_VALUE))
        .containsExactlyInAnyOrder(
            PAYROLL + "/own-" + FIDELIUS, PAYROLL + "/own-" + SECRETS_MANAGER);
  }

  @AfterAll
  static void stop() {
    try {
      if (cluster != null) {
        assertNoProtectedValueLeaked();
        assertThat(logs.size()).as("log events captured at DEBUG").isPositive();
        ReadOnlyCalls.assertOnlyReads(operator.runtime().awsCalls());
      }
    } finally {
      if (operator != null) {
        operator.close();
      }
      if (aws != null) {
        aws.close();
      }
      if (logs != null) {
        logs.close();
      }
    }
  }

  @ParameterizedTest(name = "through the {0} store")
  @ValueSource(strings = {"fid", "sm"})
  void anotherApplicationsSecretIsDeniedThroughData(String backend) {
    Condition ready =
        attempt(
            "other-app-data-" + backend,
            store(backend),
            PAYROLL_APP,
            "dev",
            "data: [{name: db_password}]",
            "AccessDenied");

    assertThat(ready.getMessage())
        .contains(
            "admits namespace \""
                + PAY
                + "\" only for applications ["
                + PAYMENTS
                + "] and sdlcs [dev, qa]; requested application "
                + PAYROLL_APP
                + ", sdlc dev");
  }

  @ParameterizedTest(name = "through the {0} store")
  @ValueSource(strings = {"fid", "sm"})
  void aProductionSecretIsDeniedThroughData(String backend) {
    Condition ready =
        attempt(
            "prod-data-" + backend,
            store(backend),
            PAYMENTS,
            "prod",
            "data: [{name: db_password}]",
            "AccessDenied");

    assertThat(ready.getMessage()).contains("requested application " + PAYMENTS + ", sdlc prod");
  }

  @ParameterizedTest(name = "through the {0} store")
  @ValueSource(strings = {"fid", "sm"})
  void dataFromFindAndExtractAreDeniedLikeData(String backend) {
    attempt(
        "other-app-find-" + backend,
        store(backend),
        PAYROLL_APP,
        "dev",
        "dataFrom: [{find: {}}]",
        "AccessDenied");
    attempt(
        "prod-find-" + backend,
        store(backend),
        PAYMENTS.toLowerCase(java.util.Locale.ROOT),
        "PROD",
        "dataFrom: [{find: {nameRegex: db}}]",
        "AccessDenied");
    attempt(
        "prod-extract-" + backend,
        store(backend),
        PAYMENTS,
        "prod",
        "dataFrom: [{extract: {name: db_password}}]",
        "AccessDenied");
  }

  @Test
  void aTemplateSeesOnlyTheKeysThisFideliusSecretSynced() {
    Condition ready =
        attempt(
            "template",
            FIDELIUS,
            PAYMENTS,
            "dev",
            """
        data: [{name: db_password, key: password}]
        target:
          template:
            data:
              stolen: '{{ index . "PAYMENTS.prod.db_password" }}'""",
            "InvalidSpec");

    assertThat(ready.getMessage())
        .contains(
            "the template uses key \"PAYMENTS.prod.db_password\", which is not"
                + " among the available keys [password]");
    assertThat(cluster.secret(PAY, "template"))
        .as("nothing is written when the template fails")
        .isNull();
  }

  @Test
  void aClusterStoreWithoutRulesAdmitsNobody() {
    Condition ready =
        attempt(
            "no-rules", NO_RULES, PAYMENTS, "dev", "data: [{name: db_password}]", "AccessDenied");

    assertThat(ready.getMessage())
        .isEqualTo(
            "ClusterFideliusStore \"" + NO_RULES + "\" has no access rules; it" + " admits nobody");
  }

  @Test
  void aStoreRefCannotReachIntoAnotherNamespace() {
    cluster
        .kube()
        .serviceAccounts()
        .inNamespace(PAYROLL)
        .resource(
            new ServiceAccountBuilder()
                .withNewMetadata()
                .withName("reader")
                .addToAnnotations(
                    "eks.amazonaws.com/role-arn", "arn:aws:iam::123456789012:role/payroll")
                .endMetadata()
                .build())
        .serverSideApply();
    cluster.apply(
        """
        apiVersion: fidelius.dev/v1alpha1
        kind: FideliusStore
        metadata: {name: payroll-store, namespace: %s}
        spec:
          provider: {secretsManager: {region: us-east-1}}
          auth: {serviceAccountRef: {name: reader}}
        """
            .formatted(PAYROLL));

    GenericKubernetesResource stored =
        cluster.createRaw(
            """
        apiVersion: fidelius.dev/v1alpha1
        kind: FideliusSecret
        metadata: {name: other-ns-store, namespace: %s}
        spec:
          storeRef: {name: payroll-store, kind: FideliusStore, namespace: %s}
          application: PAYROLL
          sdlc: dev
          data: [{name: db_password}]
        """
                .formatted(PAY, PAYROLL));

    assertThat(storeRefOf(stored))
        .as("the schema prunes the namespace")
        .isEqualTo(Map.of("name", "payroll-store", "kind", "FideliusStore"));
    Condition ready = cluster.awaitReason(PAY, "other-ns-store", "StoreNotReady");
    assertThat(ready.getMessage())
        .isEqualTo("FideliusStore payroll-store not found in namespace " + PAY);
    assertNoStsCall();
  }

  @Test
  void aFideliusStoreTheTenantCreatesMayNotUseTheOperatorIdentity() {
    namespacedStore("own-no-auth", "");
    namespacedStore(
        "own-assume-role",
        """
        auth: {assumeRole: {roleArn: "arn:aws:iam::123456789012:role/fidelius-reader", externalId: guess}}""");

    Condition noAuth =
        attempt(
            "own-store-no-auth",
            "own-no-auth",
            "FideliusStore",
            PAYROLL_APP,
            "dev",
            "data: [{name: db_password}]",
            "StoreNotReady");
    Condition assumeRole =
        attempt(
            "own-store-assume-role",
            "own-assume-role",
            "FideliusStore",
            PAYMENTS,
            "prod",
            "data: [{name: db_password}]",
            "StoreNotReady");

    assertThat(noAuth.getMessage())
        .contains(
            "must use spec.auth.serviceAccountRef: namespaced stores may not act"
                + " with the operator's own AWS identity");
    assertThat(assumeRole.getMessage()).contains("(nor assume roles with it)");
    cluster.await(
        "the stores' own status says so",
        () ->
            storeReady("own-no-auth")
                    .filter(
                        c ->
                            "False".equals(c.getStatus())
                                && c.getMessage().contains("must use spec.auth.serviceAccountRef"))
                    .isPresent()
                && storeReady("own-assume-role")
                    .filter(c -> "False".equals(c.getStatus()))
                    .isPresent());
    assertNoStsCall();
  }

  @Test
  void aFideliusStoreTheTenantCreatesMayNotSendItsTokenElsewhere() {
    cluster
        .kube()
        .serviceAccounts()
        .inNamespace(PAY)
        .resource(
            new ServiceAccountBuilder()
                .withNewMetadata()
                .withName("exfil")
                .addToAnnotations(
                    "eks.amazonaws.com/role-arn", "arn:aws:iam::123456789012:role/pay")
                .endMetadata()
                .build())
        .serverSideApply();
    namespacedStore(
        "own-endpoint",
        """
        auth: {serviceAccountRef: {name: exfil}}
        endpoints: {sts: "http://127.0.0.1:9"}""");

    Condition ready =
        attempt(
            "own-store-endpoint",
            "own-endpoint",
            "FideliusStore",
            PAYMENTS,
            "dev",
            "data: [{name: db_password}]",
            "StoreNotReady");

    assertThat(ready.getMessage())
        .contains(
            "may not set spec.endpoints: the operator would send its requests and"
                + " the ServiceAccount's token to addresses chosen in this namespace");
    assertNoStsCall();
  }

  @Test
  void theTargetSecretAlwaysLandsInTheFideliusSecretsOwnNamespace() {
    String planted = "planted-" + SUFFIX;
    GenericKubernetesResource stored =
        cluster.createRaw(
            """
        apiVersion: fidelius.dev/v1alpha1
        kind: FideliusSecret
        metadata: {name: cross-ns-target, namespace: %s}
        spec:
          storeRef: {name: %s, kind: ClusterFideliusStore}
          application: %s
          sdlc: dev
          data: [{name: db_password}]
          target: {name: %s, namespace: %s}
        """
                .formatted(PAY, FIDELIUS, PAYMENTS, planted, PAYROLL));

    assertThat(targetOf(stored))
        .as("the schema prunes the namespace")
        .containsOnlyKeys("name", "creationPolicy", "deletionPolicy");
    cluster.awaitReady(PAY, "cross-ns-target");
    assertThat(cluster.secret(PAY, planted)).isNotNull();
    assertThat(cluster.secret(PAYROLL, planted))
        .as("nothing written into the other namespace")
        .isNull();
  }

  @Test
  void aServiceAccountRefCannotNameAServiceAccountOfAnotherNamespace() {
    cluster
        .kube()
        .serviceAccounts()
        .inNamespace(PAYROLL)
        .resource(
            new ServiceAccountBuilder()
                .withNewMetadata()
                .withName("payroll-reader")
                .addToAnnotations(
                    "eks.amazonaws.com/role-arn", "arn:aws:iam::123456789012:role/payroll")
                .endMetadata()
                .build())
        .serverSideApply();
    GenericKubernetesResource clusterStore =
        cluster.createRaw(
            """
        apiVersion: fidelius.dev/v1alpha1
        kind: ClusterFideliusStore
        metadata: {name: %s}
        spec:
          provider: {secretsManager: {region: us-east-1}}
          auth: {serviceAccountRef: {name: payroll-reader, namespace: %s}}
          access:
            rules: [{namespaces: [%s], applications: ["*"], sdlcs: [dev]}]
        """
                .formatted(PER_TENANT_SA, PAYROLL, PAY));
    GenericKubernetesResource ownStore =
        cluster.createRaw(
            """
        apiVersion: fidelius.dev/v1alpha1
        kind: FideliusStore
        metadata: {name: own-foreign-sa, namespace: %s}
        spec:
          provider: {secretsManager: {region: us-east-1}}
          auth: {serviceAccountRef: {name: payroll-reader, namespace: %s}}
        """
                .formatted(PAY, PAYROLL));

    assertThat(serviceAccountRefOf(clusterStore))
        .isEqualTo(Map.of("name", "payroll-reader", "audience", "sts.amazonaws.com"));
    assertThat(serviceAccountRefOf(ownStore))
        .isEqualTo(Map.of("name", "payroll-reader", "audience", "sts.amazonaws.com"));
    Condition viaClusterStore =
        attempt(
            "foreign-sa-cluster",
            PER_TENANT_SA,
            PAYROLL_APP,
            "dev",
            "data: [{name: db_password}]",
            "InvalidSpec");
    Condition viaOwnStore =
        attempt(
            "foreign-sa-own",
            "own-foreign-sa",
            "FideliusStore",
            PAYROLL_APP,
            "dev",
            "data: [{name: db_password}]",
            "InvalidSpec");

    String expected =
        "uses serviceAccountRef payroll-reader, but no ServiceAccount of that name exists in"
            + " namespace "
            + PAY;
    assertThat(viaClusterStore.getMessage()).contains(expected);
    assertThat(viaOwnStore.getMessage()).contains(expected);
    assertNoStsCall();
  }

  @ParameterizedTest(name = "through the {0} store")
  @ValueSource(strings = {"fid", "sm"})
  void aComponentNamedLikeAnSdlcCannotReachThatSdlc(String backend) {
    // APP, component prod, sdlc dev, name api_key is APP.prod.dev.api_key: by name, also the
    // production
    // secret "dev.api_key" of APP without a component.
    Condition ready =
        attempt(
            "component-alias-" + backend,
            store(backend),
            PAYMENTS,
            "dev",
            "component: prod\ndata: [{name: api_key}]",
            "AccessDenied");

    assertThat(ready.getMessage()).contains("component \"prod\" is also an sdlc");
  }

  @Test
  void aDottedNameCannotReachAnotherSdlcThroughAComponentOfTheSameName() {
    // APP, sdlc dev, name prod.token is APP.dev.prod.token: by name, also secret "token" of
    // component dev
    // in sdlc prod. Secrets Manager has only the name to tell them apart.
    Condition ready =
        attempt(
            "dotted-name",
            SECRETS_MANAGER,
            PAYMENTS,
            "dev",
            "data: [{name: prod.token}]",
            "AccessDenied");
    assertThat(ready.getMessage()).contains("\"prod.token\"").contains("sdlc prod");

    cluster.apply(
        fsec(
            PAY,
            "dotted-find",
            SECRETS_MANAGER,
            PAYMENTS,
            "dev",
            "dataFrom: [{find: {nameRegex: \"^(db_password|prod\\\\.token)$\"}}]"));
    cluster.awaitReady(PAY, "dotted-find");
    assertThat(cluster.secret(PAY, "dotted-find").getData())
        .as("find skips the ambiguous name")
        .containsOnlyKeys("db_password");
    assertNoProtectedValueLeaked();
  }

  // ---------------------------------------------------------------------------------------------------------

  /**
   * Applies a FideliusSecret of the payments tenant, waits for {@code reason}, and checks nothing
   * leaked.
   */
  private static Condition attempt(
      String name, String store, String application, String sdlc, String sources, String reason) {
    return attempt(name, store, "ClusterFideliusStore", application, sdlc, sources, reason);
  }

  private static Condition attempt(
      String name,
      String store,
      String kind,
      String application,
      String sdlc,
      String sources,
      String reason) {
    cluster.apply(
        """
        apiVersion: fidelius.dev/v1alpha1
        kind: FideliusSecret
        metadata: {name: %s, namespace: %s}
        spec:
          storeRef: {name: %s, kind: %s}
          application: %s
          sdlc: %s
          refreshInterval: 1s
          %s
        """
            .formatted(name, PAY, store, kind, application, sdlc, sources.replace("\n", "\n  ")));
    Condition ready = cluster.awaitReason(PAY, name, reason);
    assertThat(ready.getStatus()).isEqualTo("False");
    assertThat(cluster.secret(PAY, name)).as("no Secret for a refused FideliusSecret").isNull();
    assertNoProtectedValueLeaked();
    return ready;
  }

  private static void assertNoProtectedValueLeaked() {
    leaks.assertNowhere("the PAYMENTS production value", PROD_VALUE);
    leaks.assertNowhere("the production value aliased by a component", PROD_ALIASED_VALUE);
    leaks.assertNowhere("the production value of component dev", COMPONENT_DEV_PROD_VALUE);
    leaks.assertHeldOnlyBy(
        "the PAYROLL value",
        PAYROLL_VALUE,
        Set.of(PAYROLL + "/own-" + FIDELIUS, PAYROLL + "/own-" + SECRETS_MANAGER));
  }

  /**
   * No STS call at all: every identity problem is caught before the operator would act as anyone.
   */
  private static void assertNoStsCall() {
    assertThat(operator.runtime().awsCalls().count("sts")).as("STS calls").isZero();
  }

  private static String store(String backend) {
    return backend.equals("fid") ? FIDELIUS : SECRETS_MANAGER;
  }

  private static void namespacedStore(String name, String auth) {
    cluster.apply(
        """
        apiVersion: fidelius.dev/v1alpha1
        kind: FideliusStore
        metadata: {name: %s, namespace: %s}
        spec:
          provider: {secretsManager: {region: us-east-1}}
          %s
        """
            .formatted(name, PAY, auth.replace("\n", "\n  ")));
  }

  private static java.util.Optional<Condition> storeReady(String name) {
    FideliusStore store =
        cluster.kube().resources(FideliusStore.class).inNamespace(PAY).withName(name).get();
    if (store == null || store.getStatus() == null || store.getStatus().getConditions() == null) {
      return java.util.Optional.empty();
    }
    return store.getStatus().getConditions().stream()
        .filter(c -> "Ready".equals(c.getType()))
        .findFirst();
  }

  private static String fsec(
      String namespace,
      String name,
      String store,
      String application,
      String sdlc,
      String sources) {
    return """
        apiVersion: fidelius.dev/v1alpha1
        kind: FideliusSecret
        metadata: {name: %s, namespace: %s}
        spec:
          storeRef: {name: %s, kind: ClusterFideliusStore}
          application: %s
          sdlc: %s
          refreshInterval: 1s
          %s
        """
        .formatted(name, namespace, store, application, sdlc, sources);
  }

  private static String smStore(String name, MotoServer moto, String rules) {
    return """
        apiVersion: fidelius.dev/v1alpha1
        kind: ClusterFideliusStore
        metadata: {name: %s}
        spec:
          provider: {secretsManager: {region: us-east-1}}
          endpoints: {secretsManager: "%s", sts: "%s"}
        %s"""
        .formatted(name, moto.endpoint(), moto.endpoint(), rules);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> specField(GenericKubernetesResource resource, String field) {
    Map<String, Object> spec = (Map<String, Object>) resource.getAdditionalProperties().get("spec");
    return new LinkedHashMap<>((Map<String, Object>) spec.get(field));
  }

  private static Map<String, Object> storeRefOf(GenericKubernetesResource fsec) {
    return specField(fsec, "storeRef");
  }

  private static Map<String, Object> targetOf(GenericKubernetesResource fsec) {
    return specField(fsec, "target");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> serviceAccountRefOf(GenericKubernetesResource store) {
    return new LinkedHashMap<>(
        (Map<String, Object>) specField(store, "auth").get("serviceAccountRef"));
  }

  private static String seedFideliusStore(MotoServer moto) {
    String table = "tenant-isolation-" + SUFFIX;
    DynamoDbClient ddb = aws.dynamoDb(moto.endpoint());
    FideliusTables.create(ddb, table);
    KmsClient kms = aws.kms(moto.endpoint());
    String keyId = kms.createKey(b -> b.description("tenant isolation IT")).keyMetadata().keyId();
    // Seeded through the real Fidelius SDK: the operator only reads.
    FideliusSdk sdk = new FideliusSdk(moto.endpoint(), moto.endpoint());
    Map<SecretId, String> seeds =
        Map.of(
            SecretId.of(PAYMENTS, null, "dev", "db_password"), OWN_VALUE,
            SecretId.of(PAYMENTS, null, "prod", "db_password"), PROD_VALUE,
            SecretId.of(PAYROLL_APP, null, "dev", "db_password"), PAYROLL_VALUE,
            SecretId.of(PAYMENTS, null, "prod", "dev.api_key"), PROD_ALIASED_VALUE,
            SecretId.of(PAYMENTS, "dev", "prod", "token"), COMPONENT_DEV_PROD_VALUE);
    seeds.forEach((id, value) -> sdk.put(id, value, table, keyId));
    return table;
  }

  /** The same secrets under their Fidelius names in Secrets Manager. */
  private static void seedSecretsManager(SecretsManagerClient sm) {
    Map<String, String> seeds =
        Map.of(
            PAYMENTS + ".dev.db_password", OWN_VALUE,
            PAYMENTS + ".prod.db_password", PROD_VALUE,
            PAYROLL_APP + ".dev.db_password", PAYROLL_VALUE,
            PAYMENTS + ".prod.dev.api_key", PROD_ALIASED_VALUE,
            PAYMENTS + ".dev.prod.token", COMPONENT_DEV_PROD_VALUE);
    seeds.forEach((name, value) -> sm.createSecret(b -> b.name(name).secretString(value)));
  }
}
