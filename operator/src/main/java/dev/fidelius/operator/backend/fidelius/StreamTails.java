package dev.fidelius.operator.backend.fidelius;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One {@link StreamTail} per table, however many stores and resources read it: tables are told
 * apart by where they are and who reads them ({@code key}: region, endpoint, table name and the
 * identity's credentials), so that a tenant's store never rides on a reader using another identity.
 */
final class StreamTails {

  /** Reader threads at most: tables are few, but every tenant's identity counts once. */
  static final int MAX_TAILS = 64;

  private final Map<Object, StreamTail> tails = new HashMap<>();

  /**
   * Joins the tail of {@code key}, making one if there is none running; null when too many run
   * (polling).
   */
  synchronized StreamTail join(
      Object key, Supplier<StreamTail> create, StreamTail.Listener listener) {
    StreamTail tail = tails.get(key);
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

  /** The tail currently serving {@code key}, if any. */
  synchronized StreamTail current(Object key) {
    StreamTail tail = tails.get(key);
    return tail == null || tail.stopped() ? null : tail;
  }

  synchronized void leave(Object key, StreamTail tail, StreamTail.Listener listener) {
    if (tail == null) {
      return;
    }
    tail.leave(listener);
    if (tail.stopped() && tails.get(key) == tail) {
      tails.remove(key);
    }
  }

  synchronized int running() {
    tails.values().removeIf(StreamTail::stopped);
    return tails.size();
  }
}
