package dev.fidelius.operator.reconciler;

import dev.fidelius.operator.api.FideliusStoreSpec;
import dev.fidelius.operator.api.FideliusStoreStatus;
import dev.fidelius.operator.status.ReadyCondition;
import dev.fidelius.operator.status.Reasons;
import dev.fidelius.operator.status.StatusOnly;
import dev.fidelius.operator.store.StoreSpecValidator;
import io.fabric8.kubernetes.client.CustomResource;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * Reports whether a store's spec is usable (exactly one provider, allowed identity, valid endpoints). AWS
 * reachability shows on the FideliusSecrets that use the store, whose reasons name the failing call.
 */
public abstract class StoreStatusReconciler<S extends CustomResource<FideliusStoreSpec, FideliusStoreStatus>>
    implements Reconciler<S> {

  private final StoreSpecValidator validator;
  private final boolean namespaced;
  private final Clock clock;

  protected StoreStatusReconciler(StoreSpecValidator validator, boolean namespaced, Clock clock) {
    this.validator = validator;
    this.namespaced = namespaced;
    this.clock = clock;
  }

  /** A new, empty resource of the kind this reconciler handles. */
  protected abstract S newResource();

  @Override
  public UpdateControl<S> reconcile(S store, Context<S> context) {
    List<String> problems = validator.problems(store.getSpec(), namespaced);
    FideliusStoreStatus previous = store.getStatus() == null ? new FideliusStoreStatus() : store.getStatus();
    FideliusStoreStatus next = new FideliusStoreStatus();
    Long generation = store.getMetadata().getGeneration();
    next.setObservedGeneration(generation);
    boolean ok = problems.isEmpty();
    next.setConditions(ReadyCondition.upsert(previous.getConditions(), ok,
        ok ? Reasons.VALID : Reasons.INVALID_SPEC,
        ok ? "spec is valid; AWS errors show on the FideliusSecrets that use this store" : String.join("; ", problems),
        generation, clock.instant()));
    if (Objects.equals(previous.getConditions(), next.getConditions())
        && Objects.equals(previous.getObservedGeneration(), next.getObservedGeneration())) {
      return UpdateControl.noUpdate();
    }
    return UpdateControl.patchStatus(StatusOnly.of(store, next, this::newResource));
  }
}
