package dev.fidelius.operator.target;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.net.HttpURLConnection;
import java.util.Optional;

/** The server-side applies that write target Secrets, each one API request. */
final class SecretApplies {

  /**
   * A resourceVersion no stored object has (the largest etcd revision, never reached), for applies
   * that may only create.
   */
  static final String NO_STORED_VERSION = "18446744073709551615";

  private final KubernetesClient client;

  SecretApplies(KubernetesClient client) {
    this.client = client;
  }

  /** Applies {@code secret} as {@code manager}, taking over conflicting fields. */
  Secret apply(Secret secret, String manager) {
    PatchContext ssa =
        new PatchContext.Builder()
            .withPatchType(PatchType.SERVER_SIDE_APPLY)
            .withFieldManager(manager)
            .withForce(true)
            .build();
    return client
        .secrets()
        .inNamespace(secret.getMetadata().getNamespace())
        .resource(secret)
        .patch(ssa);
  }

  /**
   * Creates the Secret with one apply that cannot change an existing Secret: the apply names a
   * resourceVersion no stored object has, so the API server creates the Secret when there is none
   * (a create ignores the version) and answers 409 Conflict when there is one. It is an apply by
   * the same field manager as every later one, so those own and can drop the same fields.
   *
   * @return the created Secret, or empty when the Secret exists (someone else's, or this operator's
   *     from an instant ago that the informer has not shown yet): the caller reads it and decides
   *     as usual
   */
  Optional<Secret> createIfAbsent(Secret desired, String manager) {
    desired.getMetadata().setResourceVersion(NO_STORED_VERSION);
    try {
      return Optional.ofNullable(apply(desired, manager));
    } catch (KubernetesClientException e) {
      if (e.getCode() == HttpURLConnection.HTTP_CONFLICT) {
        return Optional.empty();
      }
      throw e;
    } finally {
      desired.getMetadata().setResourceVersion(null);
    }
  }
}
