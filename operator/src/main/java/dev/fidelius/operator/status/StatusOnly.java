package dev.fidelius.operator.status;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.CustomResource;
import java.util.function.Supplier;

/**
 * A copy of a resource that carries only its identity and status, for server-side-applied status
 * patches. Applying the whole resource would make the operator's field manager co-own spec fields
 * it merely echoed (on some API server versions even through the status subresource), and a user's
 * next {@code kubectl apply} of the spec would then conflict with the operator.
 */
public final class StatusOnly {

  private StatusOnly() {}

  public static <S, T, R extends CustomResource<S, T>> R of(
      R resource, T status, Supplier<R> factory) {
    R copy = factory.get();
    copy.setMetadata(
        new ObjectMetaBuilder()
            .withName(resource.getMetadata().getName())
            .withNamespace(resource.getMetadata().getNamespace())
            .build());
    copy.setStatus(status);
    return copy;
  }
}
