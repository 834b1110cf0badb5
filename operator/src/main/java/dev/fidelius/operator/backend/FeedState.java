package dev.fidelius.operator.backend;

import java.time.Instant;

/**
 * How a change feed fares, for status and metrics.
 *
 * @param live whether changes arrive now (the reader reads, and read successfully recently)
 * @param reason why not, in a few words without any secret (for example {@code AccessDenied}); null when live
 * @param lastEvent when the last change arrived; null when none yet
 * @param lastRead when the reader last read successfully (even nothing); null when never
 * @param lagMillis how old the last change was when it arrived (its source's timestamp to now); -1 unknown
 */
public record FeedState(boolean live, String reason, Instant lastEvent, Instant lastRead, long lagMillis) {

  public static FeedState starting() {
    return new FeedState(false, "Starting", null, null, -1);
  }
}
