package dev.fidelius.e2e.bench;

import dev.fidelius.e2e.support.Await;
import dev.fidelius.operator.backend.FeedState;
import dev.fidelius.operator.reconciler.OperatorHarness;
import dev.fidelius.operator.sweep.VersionSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What the in-process operator's change detection did, read from its sweeper: when the last sweep
 * published its snapshot (the boundary of a refresh cycle with nothing rotated), and whether its
 * change feeds are live.
 */
final class SweepClock {

  private final OperatorHarness operator;

  SweepClock(OperatorHarness operator) {
    this.operator = operator;
  }

  /** When the newest snapshot of any backend was taken; {@link Instant#EPOCH} before any. */
  Instant lastSweep() {
    var sweeper = operator.runtime().changeEvents().sweeper();
    return sweeper.backendKeys().stream()
        .map(sweeper::snapshot)
        .flatMap(Optional::stream)
        .map(VersionSnapshot::takenAt)
        .max(Instant::compareTo)
        .orElse(Instant.EPOCH);
  }

  /** Waits for a sweep newer than {@code after}; returns its instant. */
  Instant awaitSweepAfter(Instant after, Duration timeout) {
    Await.until("a sweep after " + after, timeout, () -> lastSweep().isAfter(after));
    return lastSweep();
  }

  /** True when every store of the operator has a live change feed (and there is one). */
  boolean eventsLive() {
    var feeds = operator.runtime().changeEvents().feedsByStore();
    return !feeds.isEmpty() && feeds.values().stream().allMatch(FeedState::live);
  }
}
