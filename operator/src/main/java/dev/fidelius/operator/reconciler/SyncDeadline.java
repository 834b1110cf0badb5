package dev.fidelius.operator.reconciler;

import dev.fidelius.operator.config.Durations;
import dev.fidelius.operator.health.ProgressWatchdog;
import dev.fidelius.operator.sync.SyncReport;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs each sync on a bounded pool of workers and waits for it no longer than the sync time budget,
 * so that no input can hold a reconcile thread: a sync still running at its deadline is abandoned
 * (interrupted, and fenced by {@link SyncAttempt} so it can never write the Secret afterwards) and
 * reported as SyncTimeout, which the reconciler retries with backoff.
 *
 * <p>Work that ignores interrupts (a CPU loop) keeps its worker until it ends; the pool has room
 * for that many abandoned workers beside the live ones and no more, so threads never leak without
 * bound. A resource whose abandoned sync is still running does not start another; when the room is
 * full, syncs are refused (and the {@link ProgressWatchdog} sees work waiting, so a pod wedged for
 * good fails liveness and is restarted).
 */
public final class SyncDeadline implements AutoCloseable {

  /** How long a sync that began writing at its deadline may take to finish that write. */
  static final Duration WRITE_GRACE = Duration.ofSeconds(30);

  private final Duration budget;
  private final ProgressWatchdog watchdog;
  private final ThreadPoolExecutor workers;
  private final Set<Object> abandonedStillRunning = ConcurrentHashMap.newKeySet();
  private final AtomicInteger abandonedRunning = new AtomicInteger();
  private final AtomicLong timeouts = new AtomicLong();

  /**
   * @param liveWorkers syncs that may run at once (the reconcile threads)
   * @param abandonedRoom abandoned syncs that may keep a worker until they end
   */
  public SyncDeadline(
      Duration budget, int liveWorkers, int abandonedRoom, ProgressWatchdog watchdog) {
    this.budget = budget;
    this.watchdog = watchdog;
    AtomicInteger n = new AtomicInteger();
    this.workers =
        new ThreadPoolExecutor(
            liveWorkers,
            liveWorkers + abandonedRoom,
            60,
            TimeUnit.SECONDS,
            new SynchronousQueue<>(),
            r -> {
              Thread t = new Thread(r, "fidelius-sync-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * Runs {@code sync} within the budget.
   *
   * @param key the resource, so that one resource never has two syncs running
   * @param timedOut builds the report for a sync that did not finish (or could not start), from a
   *     message
   * @return the sync's report, or {@code timedOut}'s
   * @throws RuntimeException what the sync threw
   */
  public SyncReport run(
      Object key, Supplier<SyncReport> sync, Function<String, SyncReport> timedOut) {
    if (abandonedStillRunning.contains(key)) {
      return timedOut.apply(
          "the previous sync of this resource was abandoned after "
              + Durations.format(budget)
              + " and is still running; not starting another. The Secret was not changed");
    }
    SyncAttempt attempt = new SyncAttempt();
    Future<SyncReport> future;
    watchdog.started(); // before the worker can complete it
    try {
      future = workers.submit(() -> runAttempt(attempt, sync));
    } catch (RejectedExecutionException e) {
      watchdog.abandoned();
      return timedOut.apply(
          "no sync worker free: "
              + abandonedRunning.get()
              + " abandoned sync(s) are still"
              + " running. The Secret was not changed");
    }
    try {
      return future.get(budget.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      return abandonOrFinishWrite(key, attempt, future, timedOut);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // the operator is stopping
      abandon(key, attempt);
      return timedOut.apply(
          "sync interrupted while the operator stops. The Secret was not changed");
    } catch (ExecutionException e) {
      throw rethrow(e.getCause());
    }
  }

  private SyncReport runAttempt(SyncAttempt attempt, Supplier<SyncReport> sync) {
    try {
      return attempt.enter() ? sync.get() : null;
    } finally {
      // A sync that threw still completed (the reconciler reports SyncError); an abandoned one did
      // not.
      if (!attempt.exit()) {
        watchdog.completed();
      }
    }
  }

  private SyncReport abandonOrFinishWrite(
      Object key,
      SyncAttempt attempt,
      Future<SyncReport> future,
      Function<String, SyncReport> timedOut) {
    if (abandon(key, attempt)) {
      return timedOut.apply(
          "sync did not finish within "
              + Durations.format(budget)
              + " and was abandoned;"
              + " the Secret was not changed; retrying with backoff");
    }
    try {
      // The sync began writing (or just ended): its write is one bounded API call, so wait for it.
      return future.get(WRITE_GRACE.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException | InterruptedException e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      return timedOut.apply(
          "sync did not finish within "
              + Durations.format(budget.plus(WRITE_GRACE))
              + " while writing the Secret; its state is re-checked on the next attempt");
    } catch (ExecutionException e) {
      throw rethrow(e.getCause());
    }
  }

  /**
   * Abandons and interrupts the attempt; false when it began writing or ended (then it is left to
   * finish). The task itself is never cancelled: its worker must run it to release what tracks the
   * attempt.
   */
  private boolean abandon(Object key, SyncAttempt attempt) {
    // Counted before the attempt is abandoned: its worker may end (and uncount it) right after.
    abandonedStillRunning.add(key);
    abandonedRunning.incrementAndGet();
    boolean abandoned =
        attempt.abandon(
            () -> {
              abandonedStillRunning.remove(key);
              abandonedRunning.decrementAndGet();
            });
    if (!abandoned) {
      abandonedStillRunning.remove(key);
      abandonedRunning.decrementAndGet();
      return false;
    }
    timeouts.incrementAndGet();
    watchdog.abandoned();
    return true;
  }

  private static RuntimeException rethrow(Throwable cause) {
    if (cause instanceof Error error) {
      throw error;
    }
    return cause instanceof RuntimeException re ? re : new IllegalStateException(cause);
  }

  /** Abandoned syncs whose workers have not ended yet. */
  public int abandonedRunning() {
    return abandonedRunning.get();
  }

  /** Syncs abandoned at their deadline since start. */
  public long timeouts() {
    return timeouts.get();
  }

  @Override
  public void close() {
    workers.shutdownNow();
  }
}
