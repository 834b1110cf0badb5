package dev.fidelius.operator.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fidelius.operator.api.FideliusStoreSpec;
import dev.fidelius.operator.config.OperatorConfig;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a store spec may ask for, and what a namespaced store (written by a tenant) may not. */
class StoreSpecValidatorTest {

  private final StoreSpecValidator strict = new StoreSpecValidator(NamespacedStorePolicy.STRICT);

  @Test
  void aClusterStoreMayUseAnyIdentityAndEndpoints() {
    assertThat(
            strict.problems(
                spec(
                    """
        provider: {dynamodb: {region: us-east-1}}
        endpoints: {sts: "https://sts.example.internal"}
        """),
                false))
        .isEmpty();
    assertThat(
            strict.problems(
                spec(
                    """
        provider: {dynamodb: {region: us-east-1}}
        auth: {assumeRole: {roleArn: "arn:aws:iam::111122223333:role/reader"}}
        """),
                false))
        .isEmpty();
  }

  @Test
  void aNamespacedStoreWithServiceAccountRefAndNoEndpointsIsUsable() {
    assertThat(
            strict.problems(
                spec(
                    """
        provider: {secretsManager: {region: us-east-1}}
        auth: {serviceAccountRef: {name: reader}}
        """),
                true))
        .isEmpty();
  }

  @Test
  void aNamespacedStoreMayNotActWithTheOperatorIdentity() {
    assertThat(strict.problems(spec("provider: {secretsManager: {region: us-east-1}}"), true))
        .singleElement()
        .asString()
        .contains("must use spec.auth.serviceAccountRef")
        .contains("FIDELIUS_ALLOW_NAMESPACED_STORE_OPERATOR_IDENTITY=true");
  }

  @Test
  void aNamespacedStoreMayNotAssumeARoleWithTheOperatorIdentity() {
    assertThat(
            strict.problems(
                spec(
                    """
        provider: {secretsManager: {region: us-east-1}}
        auth: {assumeRole: {roleArn: "arn:aws:iam::111122223333:role/reader", externalId: x}}
        """),
                true))
        .singleElement()
        .asString()
        .contains("(nor assume roles with it)");
  }

  @Test
  void aNamespacedStoreMayNotSendItsTokenToAnEndpointOfItsChoice() {
    assertThat(
            strict.problems(
                spec(
                    """
        provider: {secretsManager: {region: us-east-1}}
        auth: {serviceAccountRef: {name: reader}}
        endpoints: {sts: "https://collector.example.com"}
        """),
                true))
        .singleElement()
        .asString()
        .contains("may not set spec.endpoints")
        .contains("and the ServiceAccount's token")
        .contains("FIDELIUS_ALLOW_NAMESPACED_STORE_ENDPOINTS=true");
  }

  @Test
  void anEmptyEndpointsObjectOverridesNothing() {
    assertThat(
            strict.problems(
                spec(
                    """
        provider: {secretsManager: {region: us-east-1}}
        auth: {serviceAccountRef: {name: reader}}
        endpoints: {}
        """),
                true))
        .isEmpty();
  }

  @Test
  void theOperatorConfigurationCanAllowBoth() {
    StoreSpecValidator trusting =
        StoreSpecValidator.of(
            OperatorConfig.fromEnvironment(
                Map.of(
                    OperatorConfig.ALLOW_NAMESPACED_STORE_OPERATOR_IDENTITY, "true",
                    OperatorConfig.ALLOW_NAMESPACED_STORE_ENDPOINTS, "true")));

    assertThat(
            trusting.problems(
                spec(
                    """
        provider: {dynamodb: {region: us-east-1}}
        auth: {assumeRole: {roleArn: "arn:aws:iam::111122223333:role/reader"}}
        endpoints: {dynamodb: "http://127.0.0.1:8000", sts: "http://127.0.0.1:5000"}
        """),
                true))
        .isEmpty();
  }

  @Test
  void theDefaultConfigurationAllowsNeither() {
    assertThat(NamespacedStorePolicy.of(OperatorConfig.defaults()))
        .isEqualTo(NamespacedStorePolicy.STRICT);
  }

  @Test
  void parameterStoreAndS3AreProvidersLikeTheOthers() {
    assertThat(
            strict.problems(
                spec("provider: {parameterStore: {region: us-east-1, prefix: /fidelius}}"), false))
        .isEmpty();
    assertThat(strict.problems(spec("provider: {s3: {bucket: secrets, region: us-east-1}}"), false))
        .isEmpty();
    assertThat(strict.problems(spec("provider: {s3: {region: us-east-1}}"), false))
        .containsExactly("spec.provider.s3.bucket is required");
    assertThat(
            strict.problems(
                spec(
                    """
        provider: {s3: {bucket: b, region: us-east-1, encryption: ServerSide, encryptionContext: Fidelius}}
        """),
                false))
        .singleElement()
        .asString()
        .contains("KmsEnvelope objects only");
    assertThat(
            strict.problems(
                spec(
                    """
        provider: {parameterStore: {region: us-east-1}, s3: {bucket: b, region: us-east-1}}
        """),
                false))
        .containsExactly(
            "spec.provider must set exactly one of dynamodb, secretsManager, parameterStore, s3");
  }

  @Test
  void aNamespacedStoreMayNotPointSsmOrS3Elsewhere() {
    assertThat(
            strict.problems(
                spec(
                    """
        provider: {parameterStore: {region: us-east-1}}
        auth: {serviceAccountRef: {name: reader}}
        endpoints: {ssm: "http://10.0.0.1:8080"}
        """),
                true))
        .singleElement()
        .asString()
        .contains("may not set spec.endpoints");
    assertThat(
            strict.problems(
                spec(
                    """
        provider: {s3: {bucket: b, region: us-east-1}}
        auth: {serviceAccountRef: {name: reader}}
        endpoints: {s3: "not a url"}
        """),
                true))
        .hasSize(2)
        .anySatisfy(p -> assertThat(p).contains("spec.endpoints.s3"));
  }

  @Test
  void malformedEndpointsAreProblemsNotExceptions() {
    for (String url :
        new String[] {
          "//host",
          "http://",
          "https:///path",
          "ftp://host",
          "http://exa mple.com",
          "host:443",
          "http://user:pw@host",
          "http://host/#frag",
          "HTTPS"
        }) {
      assertThat(
              strict.problems(
                  spec(
                      "provider: {dynamodb: {region: us-east-1}}\nendpoints: {kms: \""
                          + url
                          + "\"}"),
                  false))
          .as(url)
          .singleElement()
          .asString()
          .startsWith("spec.endpoints.kms ");
    }
    assertThat(
            strict.problems(
                spec(
                    "provider: {dynamodb: {region: us-east-1}}\nendpoints: {kms: \"HTTPS://kms.local:4566\"}"),
                false))
        .isEmpty();
  }

  @Test
  void aServiceAccountTokenIsMintedOnlyForTheStsAudienceUnlessTheAdminAllowsMore() {
    String otherAudience =
        """
        provider: {secretsManager: {region: us-east-1}}
        auth: {serviceAccountRef: {name: reader, audience: "https://kubernetes.default.svc"}}
        """;

    assertThat(strict.problems(spec(otherAudience), false))
        .singleElement()
        .asString()
        .startsWith(
            "spec.auth.serviceAccountRef.audience https://kubernetes.default.svc is not allowed")
        .contains("FIDELIUS_ALLOWED_TOKEN_AUDIENCES");
    assertThat(
            strict.problems(
                spec(
                    """
        provider: {secretsManager: {region: us-east-1}}
        auth: {serviceAccountRef: {name: reader, audience: sts.amazonaws.com}}
        """),
                true))
        .isEmpty();
    OperatorConfig relaxed =
        OperatorConfig.fromEnvironment(
            Map.of(
                "FIDELIUS_ALLOWED_TOKEN_AUDIENCES",
                "sts.amazonaws.com, https://kubernetes.default.svc"));
    assertThat(StoreSpecValidator.of(relaxed).problems(spec(otherAudience), false)).isEmpty();
  }

  private static FideliusStoreSpec spec(String yaml) {
    return Serialization.unmarshal(yaml, FideliusStoreSpec.class);
  }
}
