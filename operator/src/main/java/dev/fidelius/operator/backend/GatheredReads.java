package dev.fidelius.operator.backend;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Shares batch calls among syncs of different FideliusSecrets that read at the same moment, as at a
 * cold start or after a change event: the first reader opens a gathering and waits at most {@link
 * #WINDOW} (or until {@code fill} keys joined), others add their keys to it, and one fetch answers
 * them all; each reader gets back only the keys it asked for. A lone reader waits the window and no
 * more; under load, while {@link #MAX_IN_FLIGHT} fetches are on their way, the next gathering keeps
 * gathering until one returns (at most {@link #MAX_WAIT} more). Used for Secrets Manager's
 * BatchGetSecretValue (20 ids) and the Fidelius store's BatchGetItem (100 keys).
 *
 * <p>Authorization is unaffected: access rules were checked per FideliusSecret before its keys got
 * here, and one backend serves one store and identity.
 *
 * @param <K> what a reader asks for (a secret name, an item key)
 * @param <V> the answer for one key
 */
public final class GatheredReads<K, V> {

  /** How long the first reader waits for others. */
  public static final Duration WINDOW = Duration.ofMillis(5);

  /**
   * Fetches on their way past which a due gathering waits for one to return: a lone reader never
   * waits for this, and under load each call then carries what arrived meanwhile.
   */
  static final int MAX_IN_FLIGHT = 2;

  /** The longest a gathering waits beyond its window for fetches on their way. */
  static final Duration MAX_WAIT = Duration.ofMillis(200);

  /**
   * The fetch that answers a gathering: an answer for each key it could answer; keys left out are
   * read by the caller some other way.
   */
  @FunctionalInterface
  public interface Fetch<K, V> {
    Map<K, V> fetch(Collection<K> keys);
  }

  private final class Gathering {
    final Set<K> keys = new LinkedHashSet<>();
    final CompletableFuture<Map<K, V>> answers = new CompletableFuture<>();
    boolean closed;
  }

  private final Fetch<K, V> fetch;
  private final Duration window;
  private final int fill;
  private final Object lock = new Object();
  private Gathering open;
  private int inFlight;

  /**
   * @param window how long a first reader waits for others
   * @param fill keys per call: a gathering this full is fetched at once
   */
  public GatheredReads(Fetch<K, V> fetch, Duration window, int fill) {
    this.fetch = fetch;
    this.window = window;
    this.fill = fill;
  }

  /** The answers the fetch gave for these keys (possibly in a call shared with other readers). */
  public Map<K, V> read(Collection<K> keys) {
    if (keys.isEmpty()) {
      return Map.of();
    }
    if (keys.size() >= fill) {
      return fetch.fetch(keys); // fills calls of its own
    }
    Gathering gathering;
    boolean leads;
    synchronized (lock) {
      leads = open == null;
      if (leads) {
        open = new Gathering();
      }
      gathering = open;
      gathering.keys.addAll(keys);
      if (gathering.keys.size() >= fill) {
        close(gathering);
        lock.notifyAll();
      }
    }
    if (leads) {
      lead(gathering);
    }
    return mine(gathering, keys);
  }

  private void lead(Gathering gathering) {
    boolean fetching = false;
    try {
      synchronized (lock) {
        long deadline = System.nanoTime() + window.toNanos();
        long waitedOut = deadline + MAX_WAIT.toNanos();
        while (!gathering.closed && !due(gathering, deadline, waitedOut)) {
          long left = deadline - System.nanoTime();
          TimeUnit.NANOSECONDS.timedWait(lock, left > 0 ? left : window.toNanos());
        }
        close(gathering);
        inFlight++;
        fetching = true;
      }
      gathering.answers.complete(fetch.fetch(List.copyOf(gathering.keys)));
    } catch (InterruptedException e) {
      // This sync was abandoned: the others read what stays unanswered some other way.
      Thread.currentThread().interrupt();
      synchronized (lock) {
        close(gathering);
      }
      gathering.answers.complete(Map.of());
    } catch (RuntimeException | Error e) {
      gathering.answers.completeExceptionally(e);
      throw e;
    } finally {
      if (fetching) {
        synchronized (lock) {
          inFlight--;
          lock.notifyAll();
        }
      }
    }
  }

  /**
   * Under the lock: whether to fetch now. Full; or the window is over and fewer than {@link
   * #MAX_IN_FLIGHT} fetches are on their way (while they are, more readers arrive and the next call
   * carries more keys); or it has waited for them as long as it may.
   */
  private boolean due(Gathering gathering, long deadline, long waitedOut) {
    long now = System.nanoTime();
    return gathering.keys.size() >= fill
        || (now >= deadline && inFlight < MAX_IN_FLIGHT)
        || now >= waitedOut;
  }

  /** Under the lock: no one joins it any more. */
  private void close(Gathering gathering) {
    gathering.closed = true;
    if (open == gathering) {
      open = null;
    }
  }

  private Map<K, V> mine(Gathering gathering, Collection<K> keys) {
    try {
      Map<K, V> all = gathering.answers.get();
      Map<K, V> mine = new HashMap<>();
      for (K key : keys) {
        V answer = all.get(key);
        if (answer != null) {
          mine.put(key, answer);
        }
      }
      return mine;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Map.of(); // unanswered: read some other way, or not at all if the sync is abandoned
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException(e.getCause());
    }
  }
}
