package dev.fidelius.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.AuthProviderConfig;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import org.junit.jupiter.api.Test;

class OperatorKubernetesClientTest {

  private static ConfigBuilder certificateConfig() {
    return new ConfigBuilder(Config.empty())
        .withMasterUrl("https://127.0.0.1:6443")
        .withClientCertData("Y2VydA==")
        .withClientKeyData("a2V5");
  }

  @Test
  void aClientCertificateAloneHasNoTokenToRefresh() {
    assertThat(OperatorKubernetesClient.authenticatesByCertificateOnly(certificateConfig().build()))
        .isTrue();
    assertThat(
            OperatorKubernetesClient.authenticatesByCertificateOnly(
                new ConfigBuilder(Config.empty())
                    .withMasterUrl("https://127.0.0.1:6443")
                    .withClientCertFile("/etc/kube/client.crt")
                    .withClientKeyFile("/etc/kube/client.key")
                    .build()))
        .isTrue();
  }

  @Test
  void anythingARefreshCouldRenewKeepsFabric8sRefresh() {
    Config token = certificateConfig().withOauthToken("t").build();
    Config autoToken = certificateConfig().build();
    autoToken.setAutoOAuthToken("from-a-token-file");
    Config provider = certificateConfig().withOauthTokenProvider(() -> "t").build();
    Config authProvider = certificateConfig().build();
    authProvider.setAuthProvider(new AuthProviderConfig(null, "oidc"));
    Config basic = certificateConfig().withUsername("u").withPassword("p").build();

    for (Config config : new Config[] {token, autoToken, provider, authProvider, basic}) {
      assertThat(OperatorKubernetesClient.authenticatesByCertificateOnly(config)).isFalse();
    }
  }

  @Test
  void noCertificateMeansNoReplacement() {
    Config config = new ConfigBuilder(Config.empty()).withMasterUrl("https://127.0.0.1").build();

    assertThat(OperatorKubernetesClient.authenticatesByCertificateOnly(config)).isFalse();
  }
}
