package dev.fidelius.operator.store;

import dev.fidelius.operator.backend.ServingRegion;
import dev.fidelius.operator.backend.failover.FailoverPolicy;
import dev.fidelius.operator.backend.failover.RegionHealth;
import dev.fidelius.operator.backend.failover.RegionSwitch;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * One {@link RegionHealth} per store with failover regions, shared by every backend of the store
 * (one per identity): a regional outage is the region's, not an identity's. It survives spec
 * changes that keep the regions and the policy, so editing a store during an outage does not send
 * reads back to the region that is down.
 */
public final class RegionFailovers {

  /** Told of each switch of a store's serving region. */
  @FunctionalInterface
  public interface SwitchListener {
    /**
     * @param uid the store's uid when the switch happened
     */
    void switched(StoreKey store, String uid, RegionSwitch change);
  }

  private record Entry(
      String uid, List<String> regions, FailoverPolicy policy, RegionHealth health) {}

  private final Map<StoreKey, Entry> byStore = new ConcurrentHashMap<>();
  private final Clock clock;
  private volatile SwitchListener listener = (store, uid, change) -> {};

  public RegionFailovers(Clock clock) {
    this.clock = clock;
  }

  /** Whom to tell of switches (Events, metrics, logs); set once at start. */
  public void onSwitch(SwitchListener listener) {
    this.listener = listener;
  }

  /** The health of a store's regions, the primary first. */
  RegionHealth healthOf(ResolvedStore store, List<String> regions, FailoverPolicy policy) {
    return byStore
        .compute(
            store.key(),
            (key, old) ->
                old != null
                        && java.util.Objects.equals(old.uid(), store.uid())
                        && old.regions().equals(regions)
                        && old.policy().equals(policy)
                    ? old
                    : new Entry(
                        store.uid(),
                        List.copyOf(regions),
                        policy,
                        new RegionHealth(
                            regions,
                            policy,
                            clock,
                            change -> listener.switched(key, store.uid(), change))))
        .health();
  }

  /** Where a store's reads go now, once a FideliusSecret has read it. */
  public Optional<ServingRegion> serving(StoreKey store) {
    return Optional.ofNullable(byStore.get(store)).map(e -> e.health().serving());
  }

  /** Every store with failover regions read so far, with its regions (the primary first). */
  public Map<StoreKey, List<String>> regions() {
    return byStore.entrySet().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().regions()));
  }

  /**
   * Store (as {@link StoreKey#toString()}) -> each of its regions, the primary first -> whether it
   * serves now.
   */
  public Map<String, Map<String, Boolean>> servingFlags() {
    Map<String, Map<String, Boolean>> byStore = new TreeMap<>();
    this.byStore.forEach(
        (store, entry) -> {
          String serving = entry.health().servingRegion();
          Map<String, Boolean> flags = new LinkedHashMap<>();
          entry.regions().forEach(r -> flags.put(r, r.equals(serving)));
          byStore.put(store.toString(), flags);
        });
    return byStore;
  }

  /** Forgets a store that has no failover regions any more, or was deleted. */
  public void forget(StoreKey store) {
    byStore.remove(store);
  }
}
