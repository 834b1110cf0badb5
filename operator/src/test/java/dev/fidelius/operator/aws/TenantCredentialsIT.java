package dev.fidelius.operator.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fidelius.operator.KubernetesTokenSource;
import dev.fidelius.operator.testsupport.AwsTestClients;
import dev.fidelius.operator.testsupport.KubeApiServer;
import dev.fidelius.operator.testsupport.MotoServer;
import dev.fidelius.operator.testsupport.TestServers;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.URI;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * A tenant's AWS identity from the real pieces: a ServiceAccount token from the API server's
 * TokenRequest, exchanged with moto's STS; and assumed roles with session tags. Proves what the
 * credential cache saves: one STS call (and one token) per identity, however often the credentials
 * are used.
 */
@ExtendWith(TestServers.class)
class TenantCredentialsIT {

  private static final String ROLE = "arn:aws:iam::123456789012:role/";

  private static KubernetesClient kube;
  private static AwsTestClients aws;
  private static URI sts;
  private static String namespace;

  @BeforeAll
  static void start(KubeApiServer server, MotoServer moto) {
    kube = server.newClient();
    aws = new AwsTestClients();
    sts = moto.endpoint();
    namespace = "creds-" + UUID.randomUUID().toString().substring(0, 6);
    kube.namespaces()
        .resource(
            new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build())
        .create();
    kube.serviceAccounts()
        .inNamespace(namespace)
        .resource(
            new ServiceAccountBuilder().withNewMetadata().withName("reader").endMetadata().build())
        .create();
  }

  @AfterAll
  static void stop() {
    kube.namespaces().withName(namespace).delete();
    kube.close();
    aws.close();
  }

  @Test
  void tokenRequestMintsAShortLivedTokenBoundToTheServiceAccountAndTheStsAudience()
      throws Exception {
    String token = new KubernetesTokenSource(kube).token(namespace, "reader", "sts.amazonaws.com");

    JsonNode claims = claimsOf(token);
    assertThat(claims.get("sub").asText())
        .isEqualTo("system:serviceaccount:" + namespace + ":reader");
    assertThat(claims.get("aud").toString()).isEqualTo("[\"sts.amazonaws.com\"]");
    assertThat(claims.get("exp").asLong() - claims.get("iat").asLong()).isEqualTo(3600);
  }

  @Test
  void aServiceAccountIdentityCostsOneTokenAndOneStsCallForAnyNumberOfUses() {
    AtomicInteger tokens = new AtomicInteger();
    KubernetesTokenSource kubernetes = new KubernetesTokenSource(kube);
    ServiceAccountTokenSource counting =
        (ns, name, audience) -> {
          tokens.incrementAndGet();
          return kubernetes.token(ns, name, audience);
        };
    AwsCallCounter calls = new AwsCallCounter();
    try (AwsClientFactory clients = new AwsClientFactory(calls);
        CredentialsCache cache = new CredentialsCache(clients, MotoServer.CREDENTIALS, counting)) {
      AwsIdentity identity =
          new AwsIdentity.ServiceAccount(
              namespace, "reader", ROLE + "tenant-a", "sts.amazonaws.com");

      AwsCredentialsProvider provider =
          cache.credentials(identity, MotoServer.REGION, Optional.of(sts));
      for (int i = 0; i < 50; i++) {
        assertThat(cache.credentials(identity, MotoServer.REGION, Optional.of(sts)))
            .isSameAs(provider);
        provider.resolveCredentials();
      }

      assertThat(calls.count("sts", "AssumeRoleWithWebIdentity")).isEqualTo(1);
      assertThat(tokens).hasValue(1);
      assertThat(callerArn(clients, provider))
          .isEqualTo(
              "arn:aws:sts::123456789012:assumed-role/tenant-a/fidelius-" + namespace + "-reader");
    }
  }

  @Test
  void assumedRolesAreOneSessionPerNamespaceEachAssumedOnce() {
    AwsCallCounter calls = new AwsCallCounter();
    try (AwsClientFactory clients = new AwsClientFactory(calls);
        CredentialsCache cache =
            new CredentialsCache(
                clients,
                MotoServer.CREDENTIALS,
                (ns, n, a) -> {
                  throw new AssertionError("assumeRole needs no ServiceAccount token");
                })) {
      for (String tenant : new String[] {"team-a", "team-b"}) {
        AwsIdentity identity =
            new AwsIdentity.AssumedRole(
                ROLE + "cross-account",
                "ext-1",
                "fidelius-operator",
                Map.of("fidelius-namespace", tenant, "fidelius-store", "shared"),
                "ClusterFideliusStore//shared");
        for (int i = 0; i < 20; i++) {
          cache.credentials(identity, MotoServer.REGION, Optional.of(sts)).resolveCredentials();
        }
      }

      assertThat(calls.count("sts", "AssumeRole")).isEqualTo(2);
      assertThat(cache.size()).isEqualTo(2);
    }
  }

  private static String callerArn(AwsClientFactory clients, AwsCredentialsProvider credentials) {
    StsClient client = clients.sts(Region.US_EAST_1, credentials, Optional.of(sts));
    return client.getCallerIdentity().arn();
  }

  /** The claims of a JWT; the token itself is never printed. */
  private static JsonNode claimsOf(String jwt) throws Exception {
    String[] parts = jwt.split("\\.");
    assertThat(parts).as("a signed JWT has three parts").hasSize(3);
    return new ObjectMapper().readTree(Base64.getUrlDecoder().decode(parts[1]));
  }
}
