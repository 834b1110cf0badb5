package dev.fidelius.operator.backend.fidelius;

import dev.fidelius.operator.backend.FeedState;
import dev.fidelius.operator.backend.fidelius.ShardCursors.Cursor;
import dev.fidelius.operator.backend.fidelius.TableStream.RecordBatch;
import dev.fidelius.operator.backend.fidelius.TableStream.StartPosition;
import dev.fidelius.operator.backend.fidelius.TableStream.StreamFailure;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tails one table's DynamoDB stream on one daemon thread, for every subscriber of that table:
 * discovers shards (again whenever one closes, and every minute), reads them parents first,
 * re-acquires expired iterators just after the last record read, and tells subscribers each item
 * name a record carries (a trigger, never data) and whether it is live. Runs while anyone
 * subscribes; never lets an exception end the thread, and backs off while the stream cannot be read
 * (no stream, access denied, errors).
 */
final class StreamTail {

  /** How a tail tells its subscribers; called on the tail's thread. */
  interface Listener {
    void changed(String fullName);

    void liveChanged(boolean live);
  }

  private static final Logger LOG = LoggerFactory.getLogger(StreamTail.class);
  static final int RECORDS_PER_READ = 1000;
  static final int MAX_SHARDS = 1000;
  static final Duration REDISCOVER = Duration.ofMinutes(1);
  static final Duration NO_STREAM_RECHECK = Duration.ofMinutes(5);

  /**
   * A reader that read nothing successfully for this long is not live, even if its thread hangs.
   */
  static final Duration STALE_AFTER = Duration.ofMinutes(2);

  /**
   * DynamoDB Streams has no long poll: after this long without a record, a shard is polled half as
   * often (twice the idle delay), which halves the GetRecords of a quiet table while a rotation
   * still arrives within about a second; the first record brings the short delay back.
   */
  static final Duration QUIET_AFTER = Duration.ofMinutes(1);

  private final TableStream stream;
  private final String table;
  private final Clock clock;
  private final Duration idleDelay;
  private final List<Listener> listeners = new CopyOnWriteArrayList<>();
  private final ShardCursors cursors = new ShardCursors();
  private Thread thread;
  private boolean stopped;
  private volatile FeedState state = FeedState.starting();
  private String streamArn;
  private boolean initialListing = true;
  private Instant nextDiscovery = Instant.EPOCH;
  private Duration backoff = Duration.ZERO;
  private Instant lastActivity;

  StreamTail(TableStream stream, String table, Clock clock, Duration idleDelay) {
    this.stream = stream;
    this.table = table;
    this.clock = clock;
    this.idleDelay = idleDelay;
  }

  /**
   * Joins; the first subscriber starts the thread. False once the last subscriber left: a stopped
   * tail never restarts (its thread may still be winding down), the caller makes a new one.
   */
  synchronized boolean join(Listener listener) {
    if (stopped) {
      return false;
    }
    listeners.add(listener);
    if (thread == null) {
      Thread t = new Thread(this::runSafely, "fidelius-stream-" + table);
      t.setDaemon(true);
      thread = t;
      t.start();
    }
    return true;
  }

  /** Leaves; the last one out stops the thread for good. */
  synchronized void leave(Listener listener) {
    listeners.remove(listener);
    if (listeners.isEmpty() && !stopped) {
      stopped = true;
      if (thread != null) {
        thread.interrupt();
      }
    }
  }

  /** For tests that drive {@link #round} themselves: listens without starting the thread. */
  void attach(Listener listener) {
    listeners.add(listener);
  }

  synchronized boolean stopped() {
    return stopped;
  }

  FeedState state() {
    FeedState s = state;
    if (s.live()
        && s.lastRead() != null
        && s.lastRead().plus(STALE_AFTER).isBefore(clock.instant())) {
      return new FeedState(false, "Stale", s.lastEvent(), s.lastRead(), s.lagMillis());
    }
    return s;
  }

  private void runSafely() {
    Thread me = Thread.currentThread();
    resetPosition();
    while (!me.isInterrupted()) {
      try {
        Duration delay = round();
        backoff = Duration.ZERO;
        pause(delay);
      } catch (StreamFailure f) {
        failed(f.kind().name(), f);
      } catch (RuntimeException e) {
        failed("Error", e);
      } catch (InterruptedException e) {
        me.interrupt();
      }
    }
    state = new FeedState(false, "Stopped", state.lastEvent(), state.lastRead(), state.lagMillis());
  }

  /**
   * One pass: find the stream and its shards if due, read every readable shard once; returns the
   * pause.
   */
  Duration round() {
    Instant now = clock.instant();
    if (streamArn == null) {
      streamArn =
          stream
              .streamArn()
              .orElseThrow(() -> new StreamFailure(StreamFailure.Kind.NO_STREAM, table));
    }
    if (!now.isBefore(nextDiscovery)) {
      cursors.update(stream.shards(streamArn, MAX_SHARDS), initialListing);
      nextDiscovery = now.plus(REDISCOVER);
    }
    boolean gap = false;
    boolean more = false;
    for (Cursor cursor : cursors.readable()) {
      gap |= acquire(cursor);
      more |= readOnce(cursor);
    }
    boolean wasLive = state.live();
    state = new FeedState(true, null, state.lastEvent(), clock.instant(), state.lagMillis());
    if (initialListing || !wasLive || gap) {
      initialListing = false;
      tellLive(true); // positioned at LATEST (or after a gap): subscribers sweep once now
    }
    if (lastActivity == null) {
      lastActivity = now;
    }
    if (more) {
      return Duration.ZERO;
    }
    return now.isBefore(lastActivity.plus(QUIET_AFTER)) ? idleDelay : idleDelay.multipliedBy(2);
  }

  /** Gets an iterator if the cursor has none; true when part of the shard had to be skipped. */
  private boolean acquire(Cursor cursor) {
    if (cursor.iterator != null) {
      return false;
    }
    try {
      cursor.iterator = stream.iterator(streamArn, cursor.shardId, cursor.position());
      return false;
    } catch (StreamFailure f) {
      if (f.kind() != StreamFailure.Kind.TRIMMED && f.kind() != StreamFailure.Kind.NOT_FOUND) {
        throw f;
      }
      cursor.iterator = stream.iterator(streamArn, cursor.shardId, StartPosition.TRIM_HORIZON);
      return true; // records we had not read were trimmed: a sweep covers them
    }
  }

  /** Reads one batch of a shard; true when it may hold more right away. */
  private boolean readOnce(Cursor cursor) {
    RecordBatch batch;
    try {
      batch = stream.read(cursor.iterator, RECORDS_PER_READ);
    } catch (StreamFailure f) {
      if (f.kind() == StreamFailure.Kind.EXPIRED_ITERATOR) {
        cursor.iterator = null; // next round re-acquires just after the last record read
        return true;
      }
      throw f;
    }
    if (batch.lastSequenceNumber() != null) {
      cursor.lastSequence = batch.lastSequenceNumber();
    }
    cursor.iterator = batch.nextIterator();
    if (cursor.iterator == null) {
      cursor.finished = true;
      nextDiscovery = Instant.EPOCH; // a closed shard has children to take up
    }
    deliver(batch);
    return cursor.finished || !batch.names().isEmpty();
  }

  private void deliver(RecordBatch batch) {
    if (batch.names().isEmpty()) {
      return;
    }
    Instant now = clock.instant();
    lastActivity = now;
    long lag =
        batch.oldestCreationMillis() < 0
            ? -1
            : Math.max(0, now.toEpochMilli() - batch.oldestCreationMillis());
    state = new FeedState(true, null, now, now, lag);
    for (String name : batch.names()) {
      for (Listener l : listeners) {
        try {
          l.changed(name);
        } catch (RuntimeException e) {
          LOG.warn(
              "a subscriber of the stream of table {} failed: {}",
              table,
              e.getClass().getSimpleName());
        }
      }
    }
  }

  private void failed(String reason, RuntimeException e) {
    boolean wasLive = state.live();
    state = new FeedState(false, reason, state.lastEvent(), state.lastRead(), state.lagMillis());
    if (wasLive || initialListing) {
      LOG.warn(
          "the stream of table {} cannot be read ({}): polling",
          table,
          e instanceof StreamFailure ? reason : e.getClass().getSimpleName());
    }
    if (wasLive) {
      tellLive(false);
    }
    recoverPosition(reason);
    Duration wait =
        "NO_STREAM".equals(reason)
            ? NO_STREAM_RECHECK
            : backoff.isZero() ? Duration.ofSeconds(5) : backoff.multipliedBy(2);
    backoff = wait.compareTo(Duration.ofMinutes(5)) > 0 ? Duration.ofMinutes(5) : wait;
    try {
      pause(backoff);
    } catch (InterruptedException ie) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Where to go on after a failure. A read error (a timeout or throttling on a loaded store, a
   * server error) keeps each shard's position: the reader re-acquires its iterators just after the
   * last record read, so records written meanwhile are still delivered (starting over at LATEST
   * skipped them, leaving them to a sweep). A stream that is gone, replaced or may not be read
   * starts over ({@link #resetPosition}). Either way, going live again makes subscribers sweep.
   */
  void recoverPosition(String reason) {
    boolean readError = "OTHER".equals(reason) || "Error".equals(reason);
    if (readError && streamArn != null && !initialListing) {
      cursors.dropIterators();
      nextDiscovery = Instant.EPOCH;
    } else {
      resetPosition();
    }
  }

  /** The reader starts over at LATEST, and going live again makes subscribers sweep. */
  private void resetPosition() {
    streamArn = null;
    cursors.clear();
    initialListing = true;
    nextDiscovery = Instant.EPOCH;
  }

  private void tellLive(boolean live) {
    for (Listener l : listeners) {
      try {
        l.liveChanged(live);
      } catch (RuntimeException e) {
        LOG.warn(
            "a subscriber of the stream of table {} failed: {}",
            table,
            e.getClass().getSimpleName());
      }
    }
  }

  private static void pause(Duration d) throws InterruptedException {
    if (!d.isZero()) {
      Thread.sleep(d.toMillis());
    }
  }
}
