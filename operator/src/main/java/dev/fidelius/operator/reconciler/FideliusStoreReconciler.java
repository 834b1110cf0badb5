package dev.fidelius.operator.reconciler;

import dev.fidelius.operator.api.FideliusStore;
import dev.fidelius.operator.backend.FeedState;
import dev.fidelius.operator.backend.ServingRegion;
import dev.fidelius.operator.store.StoreKey;
import dev.fidelius.operator.store.StoreSpecValidator;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Function;

/** Status of namespaced stores. (Concrete so JOSDK can see the resource type.) */
public final class FideliusStoreReconciler extends StoreStatusReconciler<FideliusStore>
    implements Reconciler<FideliusStore> {

  public FideliusStoreReconciler(
      StoreSpecValidator validator, Clock clock, Function<StoreKey, Optional<FeedState>> feeds) {
    super(validator, true, clock, feeds);
  }

  /** With the stores' serving regions, for {@code status.servedBy}. */
  public FideliusStoreReconciler(
      StoreSpecValidator validator,
      Clock clock,
      Function<StoreKey, Optional<FeedState>> feeds,
      Function<StoreKey, Optional<ServingRegion>> serving) {
    super(validator, true, clock, feeds, serving);
  }

  @Override
  protected FideliusStore newResource() {
    return new FideliusStore();
  }
}
