package dev.fidelius.operator.backend;

import java.time.Duration;
import java.util.Optional;

/**
 * Changes a store announces (a DynamoDB stream, an SQS queue fed by EventBridge), so that change
 * detection can poll rarely: only every {@link #safetyInterval()} while the feed is {@link
 * FeedState#live() live}, and at each resource's refreshInterval again as soon as it is not. One
 * reader serves every subscriber of the same source; it runs while anyone subscribes.
 */
public interface ChangeFeed {

  /**
   * Starts (or joins) the reader; closing the subscription leaves it, and the last one out stops
   * it.
   */
  Subscription subscribe(ChangeListener listener);

  /** How the reader fares now. */
  FeedState state();

  /**
   * How often change detection still sweeps while the feed is live, when the store says; empty: the
   * operator's default ({@code FIDELIUS_SAFETY_INTERVAL}).
   */
  Optional<Duration> safetyInterval();

  /** What a feed tells its subscribers. Called on the reader's thread; must not block for long. */
  interface ChangeListener {

    void changed(ChangeNotice notice);

    /**
     * The feed became live, or stopped being live: either way a change may have been missed in
     * between, so the subscriber sweeps once (a sweep right after the reader took its position
     * misses nothing).
     */
    void liveChanged(boolean live);
  }

  /** Leaves the feed; never throws. */
  interface Subscription extends AutoCloseable {
    @Override
    void close();
  }
}
