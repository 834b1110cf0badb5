package dev.fidelius.operator.reconciler;

import dev.fidelius.operator.api.FideliusStore;
import dev.fidelius.operator.store.StoreSpecValidator;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import java.time.Clock;

/** Status of namespaced stores. (Concrete so JOSDK can see the resource type.) */
public final class FideliusStoreReconciler extends StoreStatusReconciler<FideliusStore>
    implements Reconciler<FideliusStore> {

  public FideliusStoreReconciler(StoreSpecValidator validator, Clock clock) {
    super(validator, true, clock);
  }

  @Override
  protected FideliusStore newResource() {
    return new FideliusStore();
  }
}
