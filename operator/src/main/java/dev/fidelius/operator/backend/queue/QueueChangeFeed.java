package dev.fidelius.operator.backend.queue;

import dev.fidelius.operator.backend.ChangeFeed;
import dev.fidelius.operator.backend.ChangeNotice;
import dev.fidelius.operator.backend.FeedState;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One store's view of a queue: subscribing joins the queue's one {@link QueueTail} (shared by every
 * store naming the same queue with the same identity) and turns each announced name this store's
 * service owns into a notice under the store's naming.
 */
public final class QueueChangeFeed implements ChangeFeed {

  /** One tail per queue and identity, shared by every store connected through the same provider. */
  public static final class Tails {
    /**
     * Reader threads at most: a tenant naming queue after queue must not grow the operator's
     * threads.
     */
    static final int MAX_TAILS = 64;

    private final Map<Object, QueueTail> tails = new HashMap<>();

    /** Null when too many readers run already: the store then polls, and its status says so. */
    synchronized QueueTail join(
        Object key, Supplier<QueueTail> create, QueueTail.Listener listener) {
      QueueTail tail = tails.get(key);
      if (tail == null && running() >= MAX_TAILS) {
        return null;
      }
      if (tail == null || !tail.join(listener)) {
        tail = create.get();
        tail.join(listener);
        tails.put(key, tail);
      }
      return tail;
    }

    synchronized QueueTail current(Object key) {
      QueueTail tail = tails.get(key);
      return tail == null || tail.stopped() ? null : tail;
    }

    synchronized int running() {
      tails.values().removeIf(QueueTail::stopped);
      return tails.size();
    }

    synchronized void leave(Object key, QueueTail tail, QueueTail.Listener listener) {
      if (tail == null) {
        return;
      }
      tail.leave(listener);
      if (tail.stopped() && tails.get(key) == tail) {
        tails.remove(key);
      }
    }
  }

  private final Tails tails;
  private final Object queueKey;
  private final Supplier<QueueTail> newTail;
  private final Function<AnnouncedChange, Optional<ChangeNotice>> notices;
  private final Optional<Duration> safetyInterval;

  /**
   * @param queueKey where the queue is and who reads it (URL, region, credentials)
   * @param notices this store's notice for an announced name, empty when the name is another
   *     service's
   */
  public QueueChangeFeed(
      Tails tails,
      Object queueKey,
      Supplier<QueueTail> newTail,
      Function<AnnouncedChange, Optional<ChangeNotice>> notices,
      Optional<Duration> safetyInterval) {
    this.tails = tails;
    this.queueKey = queueKey;
    this.newTail = newTail;
    this.notices = notices;
    this.safetyInterval = safetyInterval;
  }

  @Override
  public Subscription subscribe(ChangeListener listener) {
    QueueTail.Listener relay =
        new QueueTail.Listener() {
          @Override
          public void changed(AnnouncedChange change) {
            notices.apply(change).ifPresent(listener::changed);
          }

          @Override
          public void liveChanged(boolean live) {
            listener.liveChanged(live);
          }
        };
    QueueTail tail = tails.join(queueKey, newTail, relay);
    return () -> tails.leave(queueKey, tail, relay);
  }

  @Override
  public FeedState state() {
    QueueTail tail = tails.current(queueKey);
    if (tail != null) {
      return tail.state();
    }
    return new FeedState(
        false,
        tails.running() >= Tails.MAX_TAILS ? "TooManyReaders" : "NotSubscribed",
        null,
        null,
        -1);
  }

  @Override
  public Optional<Duration> safetyInterval() {
    return safetyInterval;
  }
}
