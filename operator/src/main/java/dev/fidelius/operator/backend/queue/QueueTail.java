package dev.fidelius.operator.backend.queue;

import dev.fidelius.operator.backend.FeedState;
import dev.fidelius.operator.backend.queue.ChangeQueue.QueueFailure;
import dev.fidelius.operator.backend.queue.EventEnvelopes.Parsed;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Long-polls one SQS queue on one daemon thread for every subscriber of that queue (20 s waits, up
 * to 10 messages: an idle queue costs about 3 calls a minute), tells subscribers each name a
 * message announces, and deletes the messages once the subscribers were told. Unknown, malformed
 * and duplicate messages are harmless: counted and deleted, never logged with their content. Never
 * lets an exception end the thread; backs off while the queue cannot be read (access denied, queue
 * deleted, errors).
 */
public final class QueueTail {

  /** How a tail tells its subscribers; called on the tail's thread. */
  public interface Listener {
    void changed(AnnouncedChange change);

    void liveChanged(boolean live);
  }

  private static final Logger LOG = LoggerFactory.getLogger(QueueTail.class);
  static final int WAIT_SECONDS = 20;
  static final int MAX_MESSAGES = 10;

  /**
   * A tail whose last successful receive is older than this is not live (a long poll takes 20 s).
   */
  static final Duration STALE_AFTER = Duration.ofSeconds(WAIT_SECONDS * 3L);

  private final ChangeQueue queue;
  private final String name;
  private final Clock clock;
  private final List<Listener> listeners = new CopyOnWriteArrayList<>();
  private final Map<Parsed.Kind, AtomicLong> counts = new EnumMap<>(Parsed.Kind.class);
  private Thread thread;
  private boolean stopped;
  private volatile FeedState state = FeedState.starting();
  private Duration backoff = Duration.ZERO;

  /**
   * @param name for thread names and logs: the queue's name, not its URL's account
   */
  public QueueTail(ChangeQueue queue, String name, Clock clock) {
    this.queue = queue;
    this.name = name;
    this.clock = clock;
    for (Parsed.Kind kind : Parsed.Kind.values()) {
      counts.put(kind, new AtomicLong());
    }
  }

  /**
   * Joins; the first subscriber starts the thread. False once stopped: the caller makes a new tail.
   */
  public synchronized boolean join(Listener listener) {
    if (stopped) {
      return false;
    }
    listeners.add(listener);
    if (thread == null) {
      Thread t = new Thread(this::runSafely, "fidelius-queue-" + name);
      t.setDaemon(true);
      thread = t;
      t.start();
    }
    return true;
  }

  /** Leaves; the last one out stops the thread for good. */
  public synchronized void leave(Listener listener) {
    listeners.remove(listener);
    if (listeners.isEmpty() && !stopped) {
      stopped = true;
      if (thread != null) {
        thread.interrupt();
      }
    }
  }

  public synchronized boolean stopped() {
    return stopped;
  }

  /** For tests that drive {@link #poll} themselves: listens without starting the thread. */
  void attach(Listener listener) {
    listeners.add(listener);
  }

  public FeedState state() {
    FeedState s = state;
    boolean stale =
        s.live()
            && s.lastRead() != null
            && s.lastRead().plus(STALE_AFTER).isBefore(clock.instant());
    Map<String, Long> messages = new HashMap<>();
    counts.forEach((kind, n) -> messages.put(kind.name().toLowerCase(Locale.ROOT), n.get()));
    return new FeedState(
        s.live() && !stale,
        stale ? "Stale" : s.reason(),
        s.lastEvent(),
        s.lastRead(),
        s.lagMillis(),
        messages);
  }

  /** Messages handled so far, by what they held (changes, unknown, malformed). */
  public Map<Parsed.Kind, Long> counts() {
    Map<Parsed.Kind, Long> out = new EnumMap<>(Parsed.Kind.class);
    counts.forEach((k, v) -> out.put(k, v.get()));
    return out;
  }

  private void runSafely() {
    Thread me = Thread.currentThread();
    while (!me.isInterrupted()) {
      try {
        poll();
        backoff = Duration.ZERO;
      } catch (QueueFailure f) {
        failed(f.kind().name());
      } catch (RuntimeException e) {
        failed("Error");
      }
    }
    state = new FeedState(false, "Stopped", state.lastEvent(), state.lastRead(), state.lagMillis());
  }

  /**
   * One long poll: receive, tell subscribers, then delete what was handled. While the tail is not
   * live (its start, after a failure) the receive does not wait: it answers at once, so the feed is
   * live (and the store's ChangeEvents condition can say so) as soon as the queue can be read, not
   * a long poll later.
   */
  void poll() {
    boolean wasLive = state.live();
    List<ChangeQueue.Message> messages = queue.receive(MAX_MESSAGES, wasLive ? WAIT_SECONDS : 0);
    Instant now = clock.instant();
    state = new FeedState(true, null, state.lastEvent(), now, state.lagMillis());
    if (!wasLive) {
      tellLive(true);
    }
    List<String> handled = new ArrayList<>(messages.size());
    for (ChangeQueue.Message message :
        messages.subList(0, Math.min(messages.size(), MAX_MESSAGES))) {
      Parsed parsed = EventEnvelopes.parse(message.body());
      counts.get(parsed.kind()).incrementAndGet();
      parsed.changes().forEach(this::deliver);
      if (message.receiptHandle() != null) {
        handled.add(message.receiptHandle());
      }
    }
    if (!messages.isEmpty()) {
      state = new FeedState(true, null, now, now, -1);
    }
    queue.delete(handled);
  }

  private void deliver(AnnouncedChange change) {
    for (Listener l : listeners) {
      try {
        l.changed(change);
      } catch (RuntimeException e) {
        LOG.warn("a subscriber of queue {} failed: {}", name, e.getClass().getSimpleName());
      }
    }
  }

  private void failed(String reason) {
    boolean wasLive = state.live();
    state = new FeedState(false, reason, state.lastEvent(), state.lastRead(), state.lagMillis());
    if (wasLive || backoff.isZero()) {
      LOG.warn("queue {} cannot be read ({}): polling", name, reason);
    }
    if (wasLive) {
      tellLive(false);
    }
    Duration wait = backoff.isZero() ? Duration.ofSeconds(5) : backoff.multipliedBy(2);
    backoff = wait.compareTo(Duration.ofMinutes(5)) > 0 ? Duration.ofMinutes(5) : wait;
    try {
      Thread.sleep(backoff.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void tellLive(boolean live) {
    for (Listener l : listeners) {
      try {
        l.liveChanged(live);
      } catch (RuntimeException e) {
        LOG.warn("a subscriber of queue {} failed: {}", name, e.getClass().getSimpleName());
      }
    }
  }
}
