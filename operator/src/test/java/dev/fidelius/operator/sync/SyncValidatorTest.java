package dev.fidelius.operator.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fidelius.operator.api.ClusterFideliusStore;
import dev.fidelius.operator.api.CreationPolicy;
import dev.fidelius.operator.api.DeletionPolicy;
import dev.fidelius.operator.api.FideliusSecretSpec;
import dev.fidelius.operator.api.SecretTarget;
import dev.fidelius.operator.backend.SecretId;
import dev.fidelius.operator.backend.SecretScope;
import dev.fidelius.operator.config.OperatorConfig;
import dev.fidelius.operator.reconciler.ResolvedStores;
import dev.fidelius.operator.store.ProviderRegistry;
import dev.fidelius.operator.store.ResolvedStore;
import dev.fidelius.operator.target.ObservedTarget;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Spec + store -> plan or the first problem, without I/O. */
class SyncValidatorTest {

  private final SyncValidator validator =
      new SyncValidator(OperatorConfig.defaults(), ProviderRegistry.standard());

  @Test
  void aUsableSpecBecomesAPlanWithDefaultsApplied() {
    Validation v =
        validator.validate(
            request(
                spec(
                    """
        storeRef: {name: shared, kind: ClusterFideliusStore}
        application: PAYMENTS
        sdlc: dev
        data: [{name: db_password}]
        refreshInterval: 1s
        """),
                secretsManagerStore()));

    assertThat(v)
        .isInstanceOfSatisfying(
            Validation.Valid.class,
            valid -> {
              SyncPlan plan = valid.plan();
              assertThat(plan.refresh())
                  .as("raised to the operator's floor")
                  .isEqualTo(Duration.ofSeconds(10));
              assertThat(plan.sources().latestIds())
                  .containsExactly(SecretId.of("PAYMENTS", null, "dev", "db_password"));
              assertThat(plan.target().name()).isEqualTo("app-secrets");
              assertThat(plan.target().type()).isEqualTo("Opaque");
              assertThat(plan.target().creationPolicy()).isEqualTo(CreationPolicy.Owner);
              assertThat(plan.deletion()).isEqualTo(DeletionPolicy.Retain);
              assertThat(plan.target().owner().uid()).isEqualTo("u1");
            });
  }

  @Test
  void aMissingStoreRefIsInvalidSpecAndNotRetried() {
    Validation v = validator.validate(request(new FideliusSecretSpec(), null));

    assertThat(v)
        .isEqualTo(
            new Validation.Invalid(
                "InvalidSpec", "spec.storeRef is required", false, Duration.ofHours(1)));
  }

  @Test
  void aMissingStoreIsStoreNotReadyAndRetried() {
    Validation v =
        validator.validate(
            request(
                spec(
                    """
        storeRef: {name: own, kind: FideliusStore}
        application: PAYMENTS
        sdlc: dev
        data: [{name: db}]
        """),
                null));

    assertThat(v)
        .isInstanceOfSatisfying(
            Validation.Invalid.class,
            bad -> {
              assertThat(bad.reason()).isEqualTo("StoreNotReady");
              assertThat(bad.message())
                  .isEqualTo("FideliusStore own not found in namespace team-a");
              assertThat(bad.transientFailure()).isTrue();
            });
  }

  @Test
  void aStoreSelectingTwoProvidersIsNotUsable() {
    ResolvedStore store =
        ResolvedStores.of(
            Serialization.unmarshal(
                """
        apiVersion: fidelius.dev/v1alpha1
        kind: ClusterFideliusStore
        metadata: {name: shared, uid: s1, generation: 1}
        spec:
          provider: {secretsManager: {region: us-east-1}, dynamodb: {region: us-east-1}}
          access: {rules: [{namespaces: [team-a], applications: [payments], sdlcs: [dev]}]}
        """,
                ClusterFideliusStore.class));

    Validation v = validator.validate(request(validSpec(), store));

    assertThat(v)
        .isInstanceOfSatisfying(
            Validation.Invalid.class,
            bad -> {
              assertThat(bad.reason()).isEqualTo("StoreNotReady");
              assertThat(bad.message())
                  .contains("must set exactly one of dynamodb, secretsManager");
            });
  }

  @Test
  void accessIsDecidedBeforeTheSources() {
    FideliusSecretSpec spec = validSpec();
    spec.setSdlc("prod");
    spec.getData().get(0).setVersionStage("AWSPREVIOUS");
    spec.getData().get(0).setVersion("3");

    Validation v = validator.validate(request(spec, secretsManagerStore()));

    assertThat(v)
        .isInstanceOfSatisfying(
            Validation.Invalid.class, bad -> assertThat(bad.reason()).isEqualTo("AccessDenied"));
  }

  @Test
  void versionStagesAreOnlyForStoresWhoseProviderHasThem() {
    FideliusSecretSpec spec = validSpec();
    spec.getData().get(0).setVersionStage("AWSPREVIOUS");

    Validation fidelius = validator.validate(request(spec, fideliusStore()));
    Validation secretsManager = validator.validate(request(spec, secretsManagerStore()));

    assertThat(fidelius)
        .isInstanceOfSatisfying(
            Validation.Invalid.class,
            bad ->
                assertThat(bad.message())
                    .contains("versionStage is only for Secrets Manager stores"));
    assertThat(secretsManager).isInstanceOf(Validation.Valid.class);
  }

  @Test
  void targetChecksRunAfterTheSourcesAndNameTheField() {
    FideliusSecretSpec spec = validSpec();
    SecretTarget target = new SecretTarget();
    target.setCreationPolicy(CreationPolicy.Merge);
    target.setImmutable(true);
    spec.setTarget(target);

    Validation v = validator.validate(request(spec, secretsManagerStore()));

    assertThat(v)
        .isInstanceOfSatisfying(
            Validation.Invalid.class,
            bad -> {
              assertThat(bad.reason()).isEqualTo("InvalidSpec");
              assertThat(bad.message())
                  .startsWith("spec.target.immutable cannot be combined with creationPolicy Merge");
              assertThat(bad.transientFailure()).isFalse();
              assertThat(bad.refresh()).isEqualTo(Duration.ofHours(1));
            });
  }

  @Test
  void aSecretTypeKubernetesActsOnIsRefusedBeforeAnyTargetCombination() {
    FideliusSecretSpec spec = validSpec();
    SecretTarget target = new SecretTarget();
    target.setType("kubernetes.io/service-account-token");
    spec.setTarget(target);

    Validation v = validator.validate(request(spec, secretsManagerStore()));

    assertThat(v)
        .isInstanceOfSatisfying(
            Validation.Invalid.class,
            bad -> {
              assertThat(bad.reason()).isEqualTo("InvalidSpec");
              assertThat(bad.message())
                  .startsWith("spec.target.type kubernetes.io/service-account-token is refused");
              assertThat(bad.transientFailure()).isFalse();
            });
  }

  @Test
  void findsOnANameBoundaryStoreAreLimitedToNamesAccessAdmits() {
    FideliusSecretSpec spec =
        spec(
            """
        storeRef: {name: shared, kind: ClusterFideliusStore}
        application: PAYMENTS
        sdlc: dev
        dataFrom: [{find: {}}]
        """);

    Validation v = validator.validate(request(spec, secretsManagerStore()));

    assertThat(v)
        .isInstanceOfSatisfying(
            Validation.Valid.class,
            valid -> {
              var find = valid.plan().sources().finds().get(0);
              assertThat(find.scope()).isEqualTo(SecretScope.of("PAYMENTS", "dev"));
              assertThat(find.matches("db")).isTrue();
              assertThat(find.matches("prod.db"))
                  .as("would also spell a prod secret, which access does not admit")
                  .isFalse();
            });
  }

  @Test
  void aDenyRuleRefusesTheSpecAndEveryNameThatWouldReachTheDeniedSdlc() {
    ResolvedStore store =
        store(
            """
          provider: {secretsManager: {region: us-east-1}}
          access:
            rules:
            - {namespaces: ["*"], applications: ["*"], sdlcs: ["*"]}
            deny:
            - {applications: [PAYMENTS], sdlcs: ["prod*"]}
        """);
    FideliusSecretSpec prod =
        spec(
            """
        storeRef: {name: shared, kind: ClusterFideliusStore}
        application: payments
        sdlc: production
        data: [{name: db}]
        """);
    FideliusSecretSpec devAliasingProd =
        spec(
            """
        storeRef: {name: shared, kind: ClusterFideliusStore}
        application: PAYMENTS
        sdlc: dev
        dataFrom: [{extract: {name: prod-eu.config}}]
        """);
    FideliusSecretSpec devFind =
        spec(
            """
        storeRef: {name: shared, kind: ClusterFideliusStore}
        application: PAYMENTS
        sdlc: dev
        dataFrom: [{find: {}}]
        """);

    assertThat(validator.validate(request(prod, store)))
        .isInstanceOfSatisfying(
            Validation.Invalid.class,
            bad -> {
              assertThat(bad.reason()).isEqualTo("AccessDenied");
              assertThat(bad.message()).endsWith("denied by access.deny[0]");
            });
    assertThat(validator.validate(request(devAliasingProd, store)))
        .as("the extract's full name is also a secret of sdlc prod-eu, which the deny rule refuses")
        .isInstanceOfSatisfying(
            Validation.Invalid.class,
            bad ->
                assertThat(bad.message())
                    .contains("spec.dataFrom[0].extract.name \"prod-eu.config\" is ambiguous"));
    assertThat(validator.validate(request(devFind, store)))
        .isInstanceOfSatisfying(
            Validation.Valid.class,
            valid -> {
              var find = valid.plan().sources().finds().get(0);
              assertThat(find.matches("db")).isTrue();
              assertThat(find.matches("prod-eu.db"))
                  .as("a found name that is also a denied sdlc's secret is dropped")
                  .isFalse();
              assertThat(find.matches("qa.db")).isTrue();
            });
  }

  @Test
  void aBadDenyRuleMakesTheStoreUnusableRatherThanDenyingLess() {
    ResolvedStore store =
        store(
            """
          provider: {secretsManager: {region: us-east-1}}
          access:
            rules:
            - {namespaces: [team-a], applications: ["*"], sdlcs: ["*"]}
            deny:
            - {applications: [PAYMENTS], sdlcs: ["prod "]}
        """);

    assertThat(validator.validate(request(validSpec(), store)))
        .isInstanceOfSatisfying(
            Validation.Invalid.class,
            bad -> {
              assertThat(bad.reason()).isEqualTo("StoreNotReady");
              assertThat(bad.message()).contains("spec.access.deny[0].sdlcs[0] can match no name");
            });
  }

  // ---------------------------------------------------------------------------------------------------------

  private static SyncRequest request(FideliusSecretSpec spec, ResolvedStore store) {
    return new SyncRequest(
        "team-a",
        "app-secrets",
        "u1",
        spec,
        null,
        Optional.ofNullable(store),
        Map.of(),
        ObservedTarget.ABSENT);
  }

  private static FideliusSecretSpec validSpec() {
    return spec(
        """
        storeRef: {name: shared, kind: ClusterFideliusStore}
        application: PAYMENTS
        sdlc: dev
        data: [{name: db_password}]
        """);
  }

  private static FideliusSecretSpec spec(String yaml) {
    return Serialization.unmarshal(yaml, FideliusSecretSpec.class);
  }

  private static ResolvedStore secretsManagerStore() {
    return clusterStore("secretsManager: {region: us-east-1}");
  }

  private static ResolvedStore fideliusStore() {
    return clusterStore("dynamodb: {region: us-east-1}");
  }

  private static ResolvedStore store(String spec) {
    return ResolvedStores.of(
        Serialization.unmarshal(
            """
        apiVersion: fidelius.dev/v1alpha1
        kind: ClusterFideliusStore
        metadata: {name: shared, uid: s1, generation: 1}
        spec:
        """
                + spec,
            ClusterFideliusStore.class));
  }

  private static ResolvedStore clusterStore(String provider) {
    return ResolvedStores.of(
        Serialization.unmarshal(
            """
        apiVersion: fidelius.dev/v1alpha1
        kind: ClusterFideliusStore
        metadata: {name: shared, uid: s1, generation: 1}
        spec:
          provider: {%s}
          access:
            rules:
            - {namespaces: [team-a], applications: [payments], sdlcs: [dev]}
            - {namespaces: [team-b], applications: [payments], sdlcs: [prod]}
        """
                .formatted(provider),
            ClusterFideliusStore.class));
  }
}
