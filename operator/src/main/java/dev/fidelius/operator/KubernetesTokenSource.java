package dev.fidelius.operator;

import dev.fidelius.operator.aws.ServiceAccountTokenSource;
import io.fabric8.kubernetes.api.model.authentication.TokenRequest;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * ServiceAccount tokens from the Kubernetes TokenRequest API: short-lived, audience-bound, never
 * stored.
 */
public final class KubernetesTokenSource implements ServiceAccountTokenSource {

  private static final long EXPIRATION_SECONDS = 3600;

  private final KubernetesClient client;

  public KubernetesTokenSource(KubernetesClient client) {
    this.client = client;
  }

  @Override
  public String token(String namespace, String name, String audience) {
    TokenRequest request =
        new TokenRequestBuilder()
            .withNewSpec()
            .withAudiences(audience)
            .withExpirationSeconds(EXPIRATION_SECONDS)
            .endSpec()
            .build();
    TokenRequest response =
        client.serviceAccounts().inNamespace(namespace).withName(name).tokenRequest(request);
    if (response == null
        || response.getStatus() == null
        || response.getStatus().getToken() == null) {
      throw new IllegalStateException(
          "TokenRequest for ServiceAccount " + namespace + "/" + name + " returned no token");
    }
    return response.getStatus().getToken();
  }
}
