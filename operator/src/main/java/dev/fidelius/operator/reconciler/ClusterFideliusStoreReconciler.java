package dev.fidelius.operator.reconciler;

import dev.fidelius.operator.api.ClusterFideliusStore;
import dev.fidelius.operator.backend.FeedState;
import dev.fidelius.operator.backend.ServingRegion;
import dev.fidelius.operator.store.StoreKey;
import dev.fidelius.operator.store.StoreSpecValidator;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Function;

/** Status of cluster-wide stores. (Concrete so JOSDK can see the resource type.) */
public final class ClusterFideliusStoreReconciler
    extends StoreStatusReconciler<ClusterFideliusStore>
    implements Reconciler<ClusterFideliusStore> {

  public ClusterFideliusStoreReconciler(
      StoreSpecValidator validator, Clock clock, Function<StoreKey, Optional<FeedState>> feeds) {
    super(validator, false, clock, feeds);
  }

  /** With the stores' serving regions, for {@code status.servedBy}. */
  public ClusterFideliusStoreReconciler(
      StoreSpecValidator validator,
      Clock clock,
      Function<StoreKey, Optional<FeedState>> feeds,
      Function<StoreKey, Optional<ServingRegion>> serving) {
    super(validator, false, clock, feeds, serving);
  }

  @Override
  protected ClusterFideliusStore newResource() {
    return new ClusterFideliusStore();
  }
}
