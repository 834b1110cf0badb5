package dev.fidelius.operator.reconciler;

/**
 * One run of one sync on a worker thread, and the fence that keeps an abandoned run from writing.
 * The worker passes {@link #beginWrite()} before it writes the target Secret; the deadline {@link
 * #abandon(Runnable)}s the run when its time is up. Whichever comes first wins: an abandoned run
 * can no longer write, and a run that began writing is not abandoned (its write is a bounded API
 * call; the deadline waits for it).
 */
final class SyncAttempt {

  private static final ThreadLocal<SyncAttempt> CURRENT = new ThreadLocal<>();

  private enum State {
    RUNNING,
    WRITING,
    ABANDONED,
    DONE
  }

  private State state = State.RUNNING;
  private Runnable onAbandonedEnd = () -> {};
  private Thread worker;

  /**
   * The attempt the calling thread runs, or null outside a deadline (unit tests calling the sync
   * directly).
   */
  static SyncAttempt current() {
    return CURRENT.get();
  }

  /**
   * Called by the worker before the sync.
   *
   * @return false when the attempt was abandoned before its worker got to it: skip the sync (and
   *     still exit)
   */
  synchronized boolean enter() {
    CURRENT.set(this);
    worker = Thread.currentThread();
    return state == State.RUNNING;
  }

  /**
   * Called by the worker when the sync ended, however it ended.
   *
   * @return whether the attempt had been abandoned
   */
  boolean exit() {
    CURRENT.remove();
    Runnable after;
    boolean wasAbandoned;
    synchronized (this) {
      wasAbandoned = state == State.ABANDONED;
      state = State.DONE;
      after = onAbandonedEnd;
    }
    if (wasAbandoned) {
      after.run();
    }
    return wasAbandoned;
  }

  /**
   * Whether the worker may write; false once abandoned. Once true, the attempt can no longer be
   * abandoned.
   */
  synchronized boolean beginWrite() {
    if (state == State.ABANDONED) {
      return false;
    }
    state = State.WRITING;
    return true;
  }

  /**
   * Abandons the attempt unless it began writing or already ended, and interrupts its worker (work
   * that heeds interrupts, such as AWS and Kubernetes calls, then ends early).
   *
   * @param whenEnded runs once the abandoned worker finally ends (to release what tracks it)
   * @return true when abandoned: the worker will never write
   */
  synchronized boolean abandon(Runnable whenEnded) {
    if (state != State.RUNNING) {
      return false;
    }
    state = State.ABANDONED;
    onAbandonedEnd = whenEnded;
    if (worker != null) {
      worker
          .interrupt(); // still inside this attempt: exit() cannot have run, as it needs this lock
    }
    return true;
  }
}
