package dev.fidelius.operator.aws;

/** Mints short-lived ServiceAccount tokens (the Kubernetes TokenRequest API in production). */
@FunctionalInterface
public interface ServiceAccountTokenSource {

  /**
   * A fresh token of {@code namespace/name} for {@code audience}.
   *
   * @throws RuntimeException when the token cannot be minted (no such ServiceAccount, no
   *     permission)
   */
  String token(String namespace, String name, String audience);
}
