package dev.fidelius.operator.backend;

import java.time.Instant;
import java.util.Map;

/**
 * How a change feed fares, for status and metrics.
 *
 * @param live whether changes arrive now (the reader reads, and read successfully recently)
 * @param reason why not, in a few words without any secret (for example {@code AccessDenied}); null
 *     when live
 * @param lastEvent when the last change arrived; null when none yet
 * @param lastRead when the reader last read successfully (even nothing); null when never
 * @param lagMillis how old the last change was when it arrived (its source's timestamp to now); -1
 *     unknown
 * @param messages for feeds that read messages: how many the current reader handled, by what they
 *     held ({@code changes}, {@code unknown}, {@code malformed})
 */
public record FeedState(
    boolean live,
    String reason,
    Instant lastEvent,
    Instant lastRead,
    long lagMillis,
    Map<String, Long> messages) {

  public FeedState {
    messages = Map.copyOf(messages);
  }

  public FeedState(
      boolean live, String reason, Instant lastEvent, Instant lastRead, long lagMillis) {
    this(live, reason, lastEvent, lastRead, lagMillis, Map.of());
  }

  public static FeedState starting() {
    return new FeedState(false, "Starting", null, null, -1);
  }
}
