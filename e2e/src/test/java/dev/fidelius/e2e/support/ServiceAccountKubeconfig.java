package dev.fidelius.e2e.support;

import io.fabric8.kubernetes.api.model.authentication.TokenRequest;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;

/**
 * A kubeconfig that authenticates as a ServiceAccount with a token from the TokenRequest API: what
 * a pod of that ServiceAccount gets mounted, so whatever uses it has exactly the RBAC granted to
 * the ServiceAccount.
 */
public final class ServiceAccountKubeconfig {

  private ServiceAccountKubeconfig() {}

  /**
   * Requests a token of {@code namespace/name} (default API audience) and returns a kubeconfig
   * using it.
   */
  public static String create(
      KubernetesClient admin, String namespace, String name, Duration lifetime) {
    TokenRequest response =
        admin
            .serviceAccounts()
            .inNamespace(namespace)
            .withName(name)
            .tokenRequest(
                new TokenRequestBuilder()
                    .withNewSpec()
                    .withExpirationSeconds(lifetime.toSeconds())
                    .endSpec()
                    .build());
    String token = response.getStatus().getToken();
    Config config = admin.getConfiguration();
    return """
        apiVersion: v1
        kind: Config
        clusters:
          - name: local
            cluster:
              server: %s
              certificate-authority-data: %s
        users:
          - name: %s
            user:
              token: %s
        contexts:
          - name: %s
            context:
              cluster: local
              user: %s
              namespace: %s
        current-context: %s
        """
        .formatted(config.getMasterUrl(), caData(config), name, token, name, name, namespace, name);
  }

  /** A client that acts as the ServiceAccount. */
  public static KubernetesClient client(String kubeconfigYaml) {
    return new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(kubeconfigYaml)).build();
  }

  private static String caData(Config config) {
    if (config.getCaCertData() != null && !config.getCaCertData().isBlank()) {
      return config.getCaCertData();
    }
    try {
      return Base64.getEncoder()
          .encodeToString(Files.readAllBytes(Path.of(config.getCaCertFile())));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the API server CA " + config.getCaCertFile(), e);
    }
  }
}
