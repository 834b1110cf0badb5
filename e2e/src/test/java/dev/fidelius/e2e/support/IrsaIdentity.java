package dev.fidelius.e2e.support;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenRequest;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The operator's AWS identity as EKS gives it (IRSA): a ServiceAccount annotated with a role, whose
 * projected token (minted here by the real API server's TokenRequest, audience {@code
 * sts.amazonaws.com}) sits in a file, and the variables the pod identity webhook injects. No static
 * AWS key exists anywhere in the operator's environment; the SDK's default chain exchanges the
 * token at STS (reached through the SDK's {@code AWS_ENDPOINT_URL_STS} endpoint setting) and
 * refreshes the session before it expires.
 */
public final class IrsaIdentity {

  /**
   * The account moto uses by default, so the role's session sees the resources the tests create.
   */
  public static final String ROLE_ARN = "arn:aws:iam::123456789012:role/fidelius-operator";

  public static final String AUDIENCE = "sts.amazonaws.com";

  private final KubernetesClient client;
  private final String namespace;
  private final String serviceAccount;
  private final Path tokenFile;
  private final URI stsEndpoint;
  private String currentTokenSha256;

  private IrsaIdentity(
      KubernetesClient client,
      String namespace,
      String serviceAccount,
      Path tokenFile,
      URI stsEndpoint) {
    this.client = client;
    this.namespace = namespace;
    this.serviceAccount = serviceAccount;
    this.tokenFile = tokenFile;
    this.stsEndpoint = stsEndpoint;
  }

  /**
   * Creates the ServiceAccount (as the chart does, with the IRSA annotation) and mints its first
   * token.
   */
  public static IrsaIdentity create(
      KubernetesClient client, String namespace, String serviceAccount, Path dir, URI stsEndpoint) {
    client
        .namespaces()
        .resource(
            new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build())
        .serverSideApply();
    client
        .serviceAccounts()
        .inNamespace(namespace)
        .resource(
            new ServiceAccountBuilder()
                .withNewMetadata()
                .withName(serviceAccount)
                .withNamespace(namespace)
                .addToAnnotations("eks.amazonaws.com/role-arn", ROLE_ARN)
                .endMetadata()
                .build())
        .serverSideApply();
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    IrsaIdentity identity =
        new IrsaIdentity(client, namespace, serviceAccount, dir.resolve("token"), stsEndpoint);
    identity.rotateToken();
    return identity;
  }

  /** Mints a new token and replaces the file atomically, as the kubelet does when it rotates it. */
  public synchronized void rotateToken() {
    TokenRequest request =
        new TokenRequestBuilder()
            .withNewSpec()
            .withAudiences(AUDIENCE)
            .withExpirationSeconds(3600L)
            .endSpec()
            .build();
    TokenRequest response =
        client
            .serviceAccounts()
            .inNamespace(namespace)
            .withName(serviceAccount)
            .tokenRequest(request);
    String token = response.getStatus().getToken();
    try {
      Path tmp =
          Files.createTempFile(
              tokenFile.getParent(),
              "token",
              ".tmp",
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(tmp, token);
      Files.move(
          tmp, tokenFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new IllegalStateException("could not write the token file", e);
    }
    currentTokenSha256 = FaultProxy.sha256(token);
  }

  /** SHA-256 of the token now in the file (never the token itself). */
  public synchronized String currentTokenSha256() {
    return currentTokenSha256;
  }

  /**
   * What the EKS pod identity webhook injects, plus the SDK endpoint setting that points STS at
   * moto.
   */
  public Map<String, String> toEnv() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("AWS_ROLE_ARN", ROLE_ARN);
    env.put("AWS_WEB_IDENTITY_TOKEN_FILE", tokenFile.toString());
    env.put("AWS_STS_REGIONAL_ENDPOINTS", "regional");
    env.put("AWS_DEFAULT_REGION", "us-east-1");
    env.put("AWS_REGION", "us-east-1");
    env.put("AWS_ENDPOINT_URL_STS", stsEndpoint.toString());
    return env;
  }
}
