package dev.fidelius.operator.target;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fidelius.operator.api.CreationPolicy;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MergeConsentTest {

  private final MergeConsent strict = new MergeConsent(true);
  private final MergeConsent relaxed = new MergeConsent(false);

  @Test
  void aSecretWithoutTheAnnotationHasNotOptedIn() {
    assertThat(strict.refusal(secret(Map.of(), Map.of()), target("app")))
        .get()
        .asString()
        .isEqualTo(
            "Secret tls has not opted in to merges from FideliusSecret app: whoever owns it must annotate it"
                + " fidelius.dev/merge-allowed-from: \"app\" (a comma-separated list, or *)");
  }

  @Test
  void theAnnotationNamesTheFideliusSecretsAllowedOrAll() {
    Secret listed = secret(Map.of(), Map.of(MergeConsent.ANNOTATION, " other ,app"));
    Secret everyone = secret(Map.of(), Map.of(MergeConsent.ANNOTATION, "*"));

    assertThat(strict.refusal(listed, target("app"))).isEmpty();
    assertThat(strict.refusal(listed, target("ap"))).isPresent();
    assertThat(strict.refusal(everyone, target("anyone"))).isEmpty();
  }

  @Test
  void theAdministratorCanTurnTheOptInOff() {
    assertThat(relaxed.refusal(secret(Map.of(), Map.of()), target("app"))).isEmpty();
  }

  @Test
  void neverIntoASecretAnotherFideliusSecretManagesWhateverTheSettings() {
    Secret managed =
        secret(
            Map.of(
                "app.kubernetes.io/managed-by",
                "fidelius-operator",
                "fidelius.dev/fidelius-secret",
                "owner"),
            Map.of(MergeConsent.ANNOTATION, "*"));
    Secret owned =
        new SecretBuilder(secret(Map.of(), Map.of(MergeConsent.ANNOTATION, "*")))
            .editMetadata()
            .addNewOwnerReference()
            .withApiVersion("fidelius.dev/v1alpha1")
            .withKind("FideliusSecret")
            .withName("owner")
            .withUid("uid-owner")
            .withController(true)
            .endOwnerReference()
            .endMetadata()
            .build();

    for (MergeConsent consent : new MergeConsent[] {strict, relaxed}) {
      assertThat(consent.refusal(managed, target("app")))
          .get()
          .asString()
          .contains("is managed by FideliusSecret owner");
      assertThat(consent.refusal(owned, target("app")))
          .get()
          .asString()
          .contains("is owned by FideliusSecret owner");
    }
  }

  private static Secret secret(Map<String, String> labels, Map<String, String> annotations) {
    return new SecretBuilder()
        .withNewMetadata()
        .withName("tls")
        .withNamespace("team-a")
        .withLabels(labels)
        .withAnnotations(annotations)
        .endMetadata()
        .build();
  }

  private static TargetSpec target(String fsec) {
    return new TargetSpec(
        "team-a",
        "tls",
        "Opaque",
        Map.of(),
        Map.of(),
        CreationPolicy.Merge,
        false,
        new TargetSpec.Owner("fidelius.dev/v1alpha1", "FideliusSecret", fsec, "uid-" + fsec));
  }
}
