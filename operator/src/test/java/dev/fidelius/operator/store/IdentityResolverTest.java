package dev.fidelius.operator.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fidelius.operator.api.ClusterFideliusStore;
import dev.fidelius.operator.api.StoreKind;
import dev.fidelius.operator.aws.AwsIdentity;
import dev.fidelius.operator.backend.ErrorKind;
import dev.fidelius.operator.backend.Outcome;
import dev.fidelius.operator.reconciler.ResolvedStores;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which AWS identity a FideliusSecret reads a store as. */
class IdentityResolverTest {

  private static final String SA_REF = "auth: {serviceAccountRef: {name: reader}}";

  private final List<String> lookedUp = new ArrayList<>();
  private final Map<String, ServiceAccount> serviceAccounts = new HashMap<>();
  private final IdentityResolver resolver =
      new IdentityResolver(
          (ns, name) -> {
            lookedUp.add(ns + "/" + name);
            return Optional.ofNullable(serviceAccounts.get(ns + "/" + name))
                .map(
                    sa ->
                        sa.getMetadata().getAnnotations() == null
                            ? Map.<String, String>of()
                            : sa.getMetadata().getAnnotations());
          });

  @Test
  void noAuthIsTheOperatorIdentity() {
    assertThat(resolver.identityFor(store(""), "team-a").value())
        .isEqualTo(new AwsIdentity.Operator());
  }

  @Test
  void assumeRoleTagsTheSessionWithTheRequestingNamespaceAndTheStore() {
    String auth =
        "auth: {assumeRole: {roleArn: \"arn:aws:iam::111122223333:role/reader\", externalId: ext-1}}";

    Outcome<AwsIdentity> identity = resolver.identityFor(store(auth), "team-a");

    assertThat(identity.value())
        .isEqualTo(
            new AwsIdentity.AssumedRole(
                "arn:aws:iam::111122223333:role/reader",
                "ext-1",
                "fidelius-operator",
                Map.of("fidelius-namespace", "team-a", "fidelius-store", "shared"),
                "ClusterFideliusStore//shared"));
    assertThat(resolver.identityFor(store(auth), "team-b").value().key())
        .as("one session per namespace, so IAM can tell them apart")
        .isNotEqualTo(identity.value().key());
  }

  @Test
  void aSessionIsNeverSharedAcrossExternalIdsOrStoresOfAnotherKindOrNamespace() {
    String auth =
        "auth: {assumeRole: {roleArn: \"arn:aws:iam::111122223333:role/reader\", externalId: ext-1}}";
    String otherExternalId = auth.replace("ext-1", "ext-2");
    ResolvedStore cluster = store(auth);
    ResolvedStore namespaced =
        new ResolvedStore(StoreKind.FideliusStore, "team-a", "shared", "uid-2", 1, cluster.spec());

    String key = resolver.identityFor(cluster, "team-a").value().key();

    assertThat(resolver.identityFor(store(otherExternalId), "team-a").value().key())
        .isNotEqualTo(key);
    assertThat(resolver.identityFor(namespaced, "team-a").value().key())
        .as(
            "a FideliusStore of the same name, role and tags must not reuse the cluster store's session")
        .isNotEqualTo(key);
    assertThat(key).doesNotContain("ext-1");
  }

  @Test
  void serviceAccountRefIsLookedUpInTheFideliusSecretsOwnNamespace() {
    serviceAccounts.put(
        "team-a/reader", sa("team-a", "reader", "arn:aws:iam::111122223333:role/team-a"));
    serviceAccounts.put(
        "team-b/reader", sa("team-b", "reader", "arn:aws:iam::111122223333:role/team-b"));

    Outcome<AwsIdentity> identity = resolver.identityFor(store(SA_REF), "team-a");

    assertThat(identity.value())
        .isEqualTo(
            new AwsIdentity.ServiceAccount(
                "team-a", "reader", "arn:aws:iam::111122223333:role/team-a", "sts.amazonaws.com"));
    assertThat(lookedUp).containsExactly("team-a/reader");
  }

  @Test
  void aMissingServiceAccountIsNamedInTheMessage() {
    Outcome<AwsIdentity> identity = resolver.identityFor(store(SA_REF), "team-a");

    assertThat(identity.isOk()).isFalse();
    assertThat(identity.error().kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
    assertThat(identity.error().message())
        .contains("no ServiceAccount of that name exists in namespace team-a");
  }

  @Test
  void aServiceAccountWithoutTheRoleAnnotationIsRefused() {
    serviceAccounts.put("team-a/reader", sa("team-a", "reader", null));

    assertThat(resolver.identityFor(store(SA_REF), "team-a").error().message())
        .contains("has no eks.amazonaws.com/role-arn annotation");
  }

  @Test
  void anAnnotationThatIsNotARoleArnIsRefusedBeforeAnyStsCall() {
    serviceAccounts.put(
        "team-a/reader", sa("team-a", "reader", "arn:aws:iam::111122223333:user/alice"));

    Outcome<AwsIdentity> identity = resolver.identityFor(store(SA_REF), "team-a");

    assertThat(identity.error().kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
    assertThat(identity.error().message()).contains("is not an IAM role ARN");
  }

  @Test
  void aRoleWithAPathInAnotherPartitionIsARoleArn() {
    serviceAccounts.put(
        "team-a/reader", sa("team-a", "reader", "arn:aws-cn:iam::111122223333:role/tenants/a"));

    assertThat(resolver.identityFor(store(SA_REF), "team-a").isOk()).isTrue();
  }

  private static ServiceAccount sa(String namespace, String name, String roleArn) {
    ServiceAccountBuilder sa =
        new ServiceAccountBuilder()
            .withNewMetadata()
            .withNamespace(namespace)
            .withName(name)
            .endMetadata();
    if (roleArn != null) {
      sa.editMetadata()
          .addToAnnotations(IdentityResolver.ROLE_ARN_ANNOTATION, roleArn)
          .endMetadata();
    }
    return sa.build();
  }

  private static ResolvedStore store(String auth) {
    return ResolvedStores.of(
        Serialization.unmarshal(
            """
        apiVersion: fidelius.dev/v1alpha1
        kind: ClusterFideliusStore
        metadata: {name: shared, uid: s1, generation: 1}
        spec:
          provider: {secretsManager: {region: us-east-1}}
          %s
        """
                .formatted(auth),
            ClusterFideliusStore.class));
  }
}
