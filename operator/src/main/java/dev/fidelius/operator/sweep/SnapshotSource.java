package dev.fidelius.operator.sweep;

import dev.fidelius.operator.store.BackendKey;
import java.time.Duration;
import java.util.Optional;

/**
 * The versions change detection last saw in a backend, for syncs that can use them instead of
 * reading AWS.
 */
@FunctionalInterface
public interface SnapshotSource {

  SnapshotSource NONE = (key, refresh) -> Optional.empty();

  /**
   * The latest snapshot of a backend while sweeps keep it current for a resource refreshed every
   * {@code refresh}; empty when there is none, it is too old, or {@code refresh} is zero (sync
   * once).
   */
  Optional<VersionSnapshot> currentSnapshot(BackendKey backend, Duration refresh);
}
