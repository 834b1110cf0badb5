package dev.fidelius.operator.backend;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/**
 * One call per key for callers that ask at the same moment, without ever answering a caller with a
 * call that started before it asked: as when a change event triggers the syncs of the many
 * FideliusSecrets that read one rotated name, each wanting its latest version. A caller joins the
 * call that is waiting to start for its key, or opens one; that call starts once the key's call on
 * its way (if any) has returned. So each key has at most one call running and one gathering
 * callers, and every answer comes from a call that started after its caller asked (a strongly
 * consistent read stays one).
 *
 * @param <K> what is asked (an item name)
 * @param <V> the call's answer
 */
public final class CoalescedCalls<K, V> {

  private final Object lock = new Object();
  private final Map<K, CompletableFuture<V>> waiting = new HashMap<>();
  private final Map<K, CompletableFuture<V>> running = new HashMap<>();

  /**
   * The answer of a call for this key that started after this caller asked, made by this caller or
   * shared with others.
   *
   * @throws RuntimeException what the call threw, or IllegalStateException when its caller was
   *     interrupted before it could start it
   */
  public V call(K key, Supplier<V> call) {
    CompletableFuture<V> mine;
    boolean leads;
    synchronized (lock) {
      mine = waiting.get(key);
      leads = mine == null;
      if (leads) {
        mine = new CompletableFuture<>();
        waiting.put(key, mine);
      }
    }
    return leads ? lead(key, mine, call) : await(mine);
  }

  private V lead(K key, CompletableFuture<V> mine, Supplier<V> call) {
    synchronized (lock) {
      try {
        while (running.containsKey(key)) {
          lock.wait();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        waiting.remove(key, mine);
        mine.completeExceptionally(new IllegalStateException("call abandoned before it started"));
        return await(mine);
      }
      waiting.remove(key, mine);
      running.put(key, mine);
    }
    try {
      V answer = call.get();
      mine.complete(answer);
      return answer;
    } catch (RuntimeException | Error e) {
      mine.completeExceptionally(e);
      throw e;
    } finally {
      synchronized (lock) {
        running.remove(key, mine);
        lock.notifyAll();
      }
    }
  }

  private static <V> V await(CompletableFuture<V> flight) {
    try {
      return flight.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a shared call", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException(e.getCause());
    }
  }
}
