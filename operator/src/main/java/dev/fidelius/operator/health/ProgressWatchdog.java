package dev.fidelius.operator.health;

import dev.fidelius.operator.config.Durations;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells a stalled controller from a healthy one, for the liveness probe. The controller is waiting
 * while a sync runs, or while syncs time out or find no worker free, until one completes. It is
 * stalled when it has been waiting for longer than the stall timeout with no sync completing: then
 * every reconcile thread is wedged (or every attempt is abandoned), and only a restart helps. An
 * idle controller (nothing to do) is never stalled, nor is a busy one that keeps completing syncs
 * while one resource is stuck.
 *
 * <p>A sync that was abandoned and later ends is not progress: it no longer counts as waiting
 * either.
 */
public final class ProgressWatchdog {

  private static final Logger LOG = LoggerFactory.getLogger(ProgressWatchdog.class);

  private final Clock clock;
  private final Duration stallTimeout;
  private int running;
  private boolean starved;
  private Instant waitingSince;
  private Instant lastCompletion;
  private boolean reportedStall;

  public ProgressWatchdog(Clock clock, Duration stallTimeout) {
    this.clock = clock;
    this.stallTimeout = stallTimeout;
  }

  /** A sync started on a worker. */
  public synchronized void started() {
    markWaiting();
    running++;
  }

  /** A sync ended with a result (of any reason): progress. */
  public synchronized void completed() {
    running = Math.max(0, running - 1);
    starved = false;
    lastCompletion = clock.instant();
    waitingSince = null;
    if (running > 0) {
      waitingSince = lastCompletion;
    }
  }

  /**
   * A sync that started was abandoned at its deadline, or found no worker free: it no longer runs
   * as far as progress goes, it did not complete, and work waits.
   */
  public synchronized void abandoned() {
    markWaiting();
    running = Math.max(0, running - 1);
    starved = true;
  }

  public synchronized boolean healthy() {
    boolean stalled = stalledFor().isPresent();
    if (stalled && !reportedStall) {
      LOG.error("liveness failing: {}", describe());
    } else if (!stalled && reportedStall) {
      LOG.info("syncs complete again; liveness recovered");
    }
    reportedStall = stalled;
    return !stalled;
  }

  /** One line for the probe's body: why it fails, or "ok". */
  public synchronized String describe() {
    return stalledFor()
        .map(
            d ->
                "stalled: syncs waiting and none completed for "
                    + Durations.format(d)
                    + " ("
                    + running
                    + " running)")
        .orElse("ok");
  }

  private Optional<Duration> stalledFor() {
    if (waitingSince == null || (running == 0 && !starved)) {
      return Optional.empty();
    }
    Duration waited = Duration.between(waitingSince, clock.instant());
    return waited.compareTo(stallTimeout) >= 0 ? Optional.of(waited) : Optional.empty();
  }

  private void markWaiting() {
    if (waitingSince == null || (running == 0 && !starved)) {
      waitingSince = clock.instant();
    }
  }
}
