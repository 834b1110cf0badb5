package dev.fidelius.operator.target;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fidelius.operator.api.SecretTypes;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TargetTypePolicyTest {

  private static final Pattern SCHEMA = Pattern.compile(SecretTypes.SCHEMA_PATTERN);

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Opaque",
        "kubernetes.io/basic-auth",
        "kubernetes.io/ssh-auth",
        "kubernetes.io/tls",
        "kubernetes.io/dockercfg",
        "kubernetes.io/dockerconfigjson",
        "example.com/config",
        "helm.example.org/values"
      })
  void typesKubernetesOnlyStoresAreAllowed(String type) {
    assertThat(TargetTypePolicy.problem(type)).isEmpty();
    assertThat(SCHEMA.matcher(type).matches()).as("the CRD schema admits it too").isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "kubernetes.io/service-account-token",
        "bootstrap.kubernetes.io/token",
        "kubernetes.io/anything-new",
        "k8s.io/x",
        "node.k8s.io/token",
        "sub.kubernetes.io/x"
      })
  void typesInTheKubernetesDomainsAreAlwaysRefused(String type) {
    assertThat(TargetTypePolicy.problem(type))
        .get()
        .asString()
        .startsWith("spec.target.type " + type + " is refused");
  }

  @ParameterizedTest
  @ValueSource(strings = {"opaque", "SecretFoo", "/name", "example.com/", "a/b/c", "localhost/x"})
  void typesThatAreNotDomainSlashNameAreRefused(String type) {
    assertThat(TargetTypePolicy.problem(type))
        .get()
        .asString()
        .startsWith("spec.target.type must be Opaque");
    assertThat(SCHEMA.matcher(type).matches()).as("the schema refuses it first").isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {""})
  void noTypeMeansOpaque(String type) {
    assertThat(TargetTypePolicy.problem(type)).isEmpty();
    assertThat(TargetTypePolicy.problem(null)).isEmpty();
  }
}
