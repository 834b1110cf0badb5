package dev.fidelius.operator;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.Interceptor;

/**
 * The operator's Kubernetes client, configured as fabric8 finds it (in the cluster: the pod's
 * ServiceAccount; outside: the kubeconfig), with one correction for client-certificate
 * authentication.
 *
 * <p>fabric8's token refresh (its interceptor named {@value #TOKEN_INTERCEPTOR}) reloads the whole
 * configuration, kubeconfig file included, before a request once a minute has passed since the last
 * token it found. With a client certificate it never finds a token, so from the first minute on it
 * reloads and parses the kubeconfig before every request: a tenth of the operator's CPU in a cold
 * start of 5,000 FideliusSecrets. A configuration that authenticates by certificate alone has no
 * token to refresh, so that interceptor is replaced by one that does nothing. Any other
 * configuration (a ServiceAccount token file, a bearer token, an exec plugin, an auth provider,
 * basic auth) keeps fabric8's refresh as it is.
 */
final class OperatorKubernetesClient {

  /** The name fabric8 registers its token refresh under (its {@code HttpClientUtils}). */
  static final String TOKEN_INTERCEPTOR = "TOKEN";

  private OperatorKubernetesClient() {}

  static KubernetesClient build() {
    Config config = new ConfigBuilder().build();
    KubernetesClientBuilder builder = new KubernetesClientBuilder().withConfig(config);
    if (authenticatesByCertificateOnly(config)) {
      builder.withHttpClientBuilderConsumer(
          http -> http.addOrReplaceInterceptor(TOKEN_INTERCEPTOR, new Interceptor() {}));
    }
    return builder.build();
  }

  /** Whether the configuration presents a client certificate and nothing a refresh could renew. */
  static boolean authenticatesByCertificateOnly(Config config) {
    boolean certificate =
        present(config.getClientCertData()) || present(config.getClientCertFile());
    boolean anythingElse =
        present(config.getOauthToken())
            || present(config.getAutoOAuthToken())
            || config.getOauthTokenProvider() != null
            || config.getAuthProvider() != null
            || present(config.getUsername())
            || present(config.getPassword());
    return certificate && !anythingElse;
  }

  private static boolean present(String value) {
    return value != null && !value.isEmpty();
  }
}
