package dev.fidelius.operator.reconciler;

import dev.fidelius.operator.api.FideliusSecret;
import dev.fidelius.operator.api.FideliusSecretStatus;
import dev.fidelius.operator.status.StatusOnly;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.event.ResourceID;

/**
 * Writes a FideliusSecret's status: one server-side apply of a status-only copy to the status
 * subresource (never co-owning spec fields; measured no costlier on the API server than a merge or
 * JSON patch), then hands the result to JOSDK's cache of primaries. JOSDK's own patchStatus (5.2)
 * does not: the reconcile that follows every Secret write then started from the informer's older
 * copy, saw no status, and wrote the same status a second time.
 */
final class StatusWriter {

  private StatusWriter() {}

  static void write(
      FideliusSecret fsec, FideliusSecretStatus status, Context<FideliusSecret> context) {
    PatchContext ssa =
        new PatchContext.Builder()
            .withPatchType(PatchType.SERVER_SIDE_APPLY)
            .withFieldManager(context.getControllerConfiguration().fieldManager())
            .withForce(true)
            .build();
    FideliusSecret written =
        context
            .getClient()
            .resource(StatusOnly.of(fsec, status, FideliusSecret::new))
            .subresource("status")
            .patch(ssa);
    written.getMetadata().setManagedFields(null);
    context
        .eventSourceRetriever()
        .getControllerEventSource()
        .handleRecentResourceUpdate(ResourceID.fromResource(fsec), written, fsec);
  }
}
