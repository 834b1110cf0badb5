package dev.fidelius.operator.store;

import dev.fidelius.operator.config.TenantPolicy;
import java.util.Optional;
import java.util.Set;

/**
 * Which audience a store may have a ServiceAccount token minted for. The operator mints the token
 * and sends it to STS (or the store's STS endpoint); an audience of the tenant's choosing would let
 * it obtain a token the API server or another service accepts. So only {@code sts.amazonaws.com},
 * unless the administrator lists more in {@code FIDELIUS_ALLOWED_TOKEN_AUDIENCES}.
 */
final class TokenAudiences {

  private TokenAudiences() {}

  static Optional<String> problem(String audience, Set<String> allowed) {
    String effective =
        audience == null || audience.isBlank() ? TenantPolicy.STS_AUDIENCE : audience.trim();
    if (allowed.contains(effective)) {
      return Optional.empty();
    }
    return Optional.of(
        "spec.auth.serviceAccountRef.audience "
            + effective
            + " is not allowed: tokens are minted"
            + " only for "
            + String.join(", ", new java.util.TreeSet<>(allowed))
            + "; ask the cluster admin to add it to "
            + TenantPolicy.ALLOWED_TOKEN_AUDIENCES);
  }
}
