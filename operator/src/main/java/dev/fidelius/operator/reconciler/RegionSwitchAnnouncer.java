package dev.fidelius.operator.reconciler;

import dev.fidelius.operator.api.ClusterFideliusStore;
import dev.fidelius.operator.api.FideliusStore;
import dev.fidelius.operator.api.StoreKind;
import dev.fidelius.operator.backend.failover.RegionSwitch;
import dev.fidelius.operator.metrics.OperatorMetrics;
import dev.fidelius.operator.status.EventRecorder;
import dev.fidelius.operator.store.RegionFailovers;
import dev.fidelius.operator.store.StoreKey;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Marks each switch of a store's region: a Warning Event on the store when reads leave a region, a
 * Normal one when they come back to the primary, a log line and the switch counter. The store's
 * status follows at its next recheck.
 */
public final class RegionSwitchAnnouncer implements RegionFailovers.SwitchListener {

  private static final Logger LOG = LoggerFactory.getLogger(RegionSwitchAnnouncer.class);

  private final EventRecorder events;
  private final OperatorMetrics metrics;

  public RegionSwitchAnnouncer(EventRecorder events, OperatorMetrics metrics) {
    this.events = events;
    this.metrics = metrics;
  }

  @Override
  public void switched(StoreKey store, String uid, RegionSwitch change) {
    String message =
        "reads moved from "
            + change.from()
            + " to "
            + change.to()
            + (change.toPrimary() ? " (the primary region)" : " (a failover region)")
            + ": "
            + change.why();
    if (change.toPrimary()) {
      events.normal(about(store, uid), "RegionSwitched", message);
      LOG.info("{}: {}", store, message);
    } else {
      events.warning(about(store, uid), "RegionFailover", message);
      LOG.warn("{}: {}", store, message);
    }
    metrics.recordRegionSwitch(store.toString(), change.from(), change.to());
  }

  /** The store as an Event's object: kind, name, namespace and uid are all an Event needs. */
  private static HasMetadata about(StoreKey store, String uid) {
    HasMetadata resource =
        store.kind() == StoreKind.ClusterFideliusStore
            ? new ClusterFideliusStore()
            : new FideliusStore();
    resource.setMetadata(
        new ObjectMetaBuilder()
            .withName(store.name())
            .withNamespace(store.namespace())
            .withUid(uid)
            .build());
    return resource;
  }
}
