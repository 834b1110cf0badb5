package dev.fidelius.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fidelius.operator.api.FideliusSecret;
import dev.fidelius.operator.testsupport.AwsTestClients;
import dev.fidelius.operator.testsupport.KubeApiServer;
import dev.fidelius.operator.testsupport.MotoServer;
import dev.fidelius.operator.testsupport.TestServers;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Merge and target types on the real API server: Merge writes only into a Secret that opted in and
 * no other FideliusSecret manages, several FideliusSecrets merging into one Secret keep each
 * other's keys (one server-side-apply field manager each), Secrets written by the old shared
 * manager upgrade without losing a key, and Secret types Kubernetes acts on are refused.
 */
@ExtendWith(TestServers.class)
class MergeTargetIT {

  private static final String NS = "merge-it";
  private static final Duration WAIT = Duration.ofSeconds(45);

  private static OperatorHarness operator;
  private static KubernetesClient kube;
  private static AwsTestClients aws;
  private static SecretsManagerClient sm;

  @BeforeAll
  static void start(KubeApiServer server, MotoServer moto) {
    aws = new AwsTestClients();
    sm = aws.secretsManager(moto.endpoint());
    operator = new OperatorHarness(server, Map.of()).start();
    kube = operator.client();
    operator.namespace(NS, Map.of());
    apply(
        """
        apiVersion: fidelius.dev/v1alpha1
        kind: ClusterFideliusStore
        metadata: {name: sm-merge}
        spec:
          provider:
            secretsManager: {region: us-east-1}
          endpoints: {secretsManager: "%1$s", sts: "%1$s"}
          access:
            rules:
            - {namespaces: [merge-it], applications: ["*"], sdlcs: [dev]}
        """
            .formatted(moto.endpoint()));
  }

  @AfterAll
  static void stop() {
    if (operator != null) {
      operator.close();
    }
    aws.close();
  }

  @Test
  void mergeWritesOnlyIntoASecretWhoseOwnerOptedIn() {
    String name = "optin-" + suffix();
    source(name, "merged-value");
    createSecret(name, Map.of());
    apply(mergeInto(name, name, name));

    await("TargetConflict", () -> "TargetConflict".equals(reason(name)));
    assertThat(message(name))
        .contains("has not opted in")
        .contains("fidelius.dev/merge-allowed-from");
    assertThat(secret(name).getData()).containsOnlyKeys("other");

    annotate(name, "someone-else, " + name);
    awaitReady(name);
    assertThat(value(name, "other")).isEqualTo("keep-me");
    assertThat(value(name, name)).isEqualTo("merged-value");
  }

  @Test
  void twoFideliusSecretsMergingIntoOneSecretKeepEachOthersKeys() {
    String target = "shared-" + suffix();
    String a = target + "-a";
    String b = target + "-b";
    source(a, "a-1");
    source(b, "b-1");
    createSecret(target, Map.of("fidelius.dev/merge-allowed-from", "*"));
    apply(mergeInto(a, a, target));
    apply(mergeInto(b, b, target));
    await(
        "both keys merged", () -> "a-1".equals(value(target, a)) && "b-1".equals(value(target, b)));

    for (int round = 2; round <= 4; round++) {
      String av = "a-" + round;
      String bv = "b-" + round;
      sm.putSecretValue(r -> r.secretId("PAYMENTS.dev." + a).secretString(av));
      await("A's rotation " + av, () -> av.equals(value(target, a)));
      assertThat(value(target, b))
          .as("B's key after A's write")
          .isEqualTo(round == 2 ? "b-1" : "b-" + (round - 1));
      sm.putSecretValue(r -> r.secretId("PAYMENTS.dev." + b).secretString(bv));
      await("B's rotation " + bv, () -> bv.equals(value(target, b)));
      assertThat(value(target, a)).as("A's key after B's write").isEqualTo(av);
    }
    assertThat(value(target, "other")).isEqualTo("keep-me");
    assertThat(managers(secret(target)))
        .contains("fidelius-operator/" + a, "fidelius-operator/" + b)
        .doesNotContain("fidelius-operator");
    assertThat(reason(a)).isEqualTo("Synced");
    assertThat(reason(b)).isEqualTo("Synced");
  }

  @Test
  void mergeNeverWritesIntoASecretAnotherFideliusSecretManages() {
    String owner = "owner-" + suffix();
    String intruder = owner + "-intruder";
    source(owner, "owned");
    source(intruder, "intruding");
    apply(fsec(owner, owner, "target: {}"));
    awaitReady(owner);
    annotate(
        owner,
        "*"); // even with an opt-in written on it, another FideliusSecret's Secret stays its own

    apply(mergeInto(intruder, intruder, owner));

    await("TargetConflict", () -> "TargetConflict".equals(reason(intruder)));
    assertThat(message(intruder)).contains("managed by FideliusSecret " + owner);
    Secret kept = secret(owner);
    assertThat(kept.getData()).containsOnlyKeys(owner);
    assertThat(kept.getMetadata().getLabels()).containsEntry("fidelius.dev/fidelius-secret", owner);
    assertThat(kept.getMetadata().getOwnerReferences())
        .singleElement()
        .satisfies(ref -> assertThat(ref.getName()).isEqualTo(owner));
  }

  @Test
  void aSecretWrittenByTheOldSharedManagerUpgradesWithoutLosingAKey() {
    String target = "upgrade-" + suffix();
    String a = target + "-a";
    source(a, "a-new");
    source(a + "-next", "next");
    createSecret(target, Map.of("fidelius.dev/merge-allowed-from", "*"));
    // What the previous version left: A's and B's keys, both applied by the one shared field
    // manager.
    legacyApply(target, Map.of(a, "a-old", "b-key", "b-old"));
    assertThat(managers(secret(target))).contains("fidelius-operator");

    apply(mergeInto(a, a, target));
    await("A merged under its own manager", () -> "a-new".equals(value(target, a)));
    assertThat(value(target, "b-key"))
        .as("B's key, merged before the upgrade, stays")
        .isEqualTo("b-old");
    assertThat(value(target, "other")).isEqualTo("keep-me");

    apply(mergeInto(a, a + "-next", target)); // A now writes another key: its old one must go
    await(
        "A's dropped key removed",
        () ->
            "next".equals(value(target, a + "-next")) && !secret(target).getData().containsKey(a));
    assertThat(value(target, "b-key")).isEqualTo("b-old");
  }

  @Test
  void secretTypesKubernetesActsOnAreRefused() {
    String token = "satoken-" + suffix();
    String bootstrap = "bootstrap-" + suffix();
    source(token, "t");
    source(bootstrap, "t");
    apply(fsec(token, token, "target: {type: kubernetes.io/service-account-token}"));
    apply(fsec(bootstrap, bootstrap, "target: {type: bootstrap.kubernetes.io/token}"));

    await(
        "InvalidSpec",
        () -> "InvalidSpec".equals(reason(token)) && "InvalidSpec".equals(reason(bootstrap)));
    assertThat(message(token))
        .startsWith("spec.target.type kubernetes.io/service-account-token is refused");
    assertThat(secret(token)).isNull();
    assertThat(secret(bootstrap)).isNull();
    assertThatThrownBy(
            () -> apply(fsec("badtype-" + suffix(), token, "target: {type: NotADomainType}")))
        .as(
            "the schema refuses a type that is neither Opaque, an allowed kubernetes.io type nor domain/name")
        .isInstanceOf(KubernetesClientException.class);
  }

  private static String mergeInto(String name, String secretName, String target) {
    return fsec(name, secretName, "target: {name: " + target + ", creationPolicy: Merge}");
  }

  private static String fsec(String name, String secretName, String target) {
    return """
        apiVersion: fidelius.dev/v1alpha1
        kind: FideliusSecret
        metadata: {name: %s, namespace: merge-it}
        spec:
          storeRef: {name: sm-merge, kind: ClusterFideliusStore}
          application: PAYMENTS
          sdlc: dev
          refreshInterval: 1s
          data: [{name: %s}]
          %s
        """
        .formatted(name, secretName, target);
  }

  private static void source(String name, String value) {
    sm.createSecret(b -> b.name("PAYMENTS.dev." + name).secretString(value));
  }

  private static void createSecret(String name, Map<String, String> annotations) {
    kube.secrets()
        .inNamespace(NS)
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(NS)
                .withAnnotations(annotations)
                .endMetadata()
                .addToStringData("other", "keep-me")
                .build())
        .create();
  }

  private static void annotate(String name, String allowed) {
    kube.secrets()
        .inNamespace(NS)
        .withName(name)
        .edit(
            s ->
                new SecretBuilder(s)
                    .editMetadata()
                    .addToAnnotations("fidelius.dev/merge-allowed-from", allowed)
                    .endMetadata()
                    .build());
  }

  private static void legacyApply(String name, Map<String, String> values) {
    Secret legacy =
        new SecretBuilder()
            .withApiVersion("v1")
            .withKind("Secret")
            .withNewMetadata()
            .withName(name)
            .withNamespace(NS)
            .endMetadata()
            .addToStringData(values)
            .build();
    kube.secrets()
        .inNamespace(NS)
        .resource(legacy)
        .patch(
            new PatchContext.Builder()
                .withPatchType(PatchType.SERVER_SIDE_APPLY)
                .withFieldManager("fidelius-operator")
                .withForce(true)
                .build());
  }

  private static java.util.List<String> managers(Secret secret) {
    return secret.getMetadata().getManagedFields().stream()
        .map(ManagedFieldsEntry::getManager)
        .toList();
  }

  private static void apply(String yaml) {
    kube.resource((HasMetadata) Serialization.unmarshal(yaml)).serverSideApply();
  }

  private static Secret secret(String name) {
    return kube.secrets().inNamespace(NS).withName(name).get();
  }

  private static String value(String secretName, String key) {
    Secret secret = secret(secretName);
    String encoded = secret == null || secret.getData() == null ? null : secret.getData().get(key);
    return encoded == null
        ? null
        : new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
  }

  private static Optional<Condition> ready(String name) {
    FideliusSecret f = kube.resources(FideliusSecret.class).inNamespace(NS).withName(name).get();
    if (f == null || f.getStatus() == null || f.getStatus().getConditions() == null) {
      return Optional.empty();
    }
    return f.getStatus().getConditions().stream()
        .filter(c -> "Ready".equals(c.getType()))
        .findFirst();
  }

  private static String reason(String name) {
    return ready(name).map(Condition::getReason).orElse(null);
  }

  private static String message(String name) {
    return ready(name).map(Condition::getMessage).orElse("");
  }

  private static void awaitReady(String name) {
    await(name + " Ready", () -> ready(name).map(c -> "True".equals(c.getStatus())).orElse(false));
  }

  private static void await(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      try {
        if (condition.getAsBoolean()) {
          return;
        }
      } catch (RuntimeException notYet) {
        // the resource may not exist yet
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted", e);
      }
    }
    throw new AssertionError(
        "timed out waiting for " + what + " (" + MergeTargetIT.class.getSimpleName() + ")");
  }

  private static String suffix() {
    return UUID.randomUUID().toString().substring(0, 6);
  }
}
