package dev.fidelius.operator.reconciler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SyncAttemptTest {

  private final AtomicInteger released = new AtomicInteger();

  @Test
  void anAttemptAbandonedBeforeItsWorkerStartedIsSkippedAndStillReleased() {
    SyncAttempt attempt = new SyncAttempt();
    assertTrue(attempt.abandon(released::incrementAndGet));
    assertFalse(attempt.enter(), "the worker skips the sync");
    assertTrue(attempt.exit());
    assertEquals(1, released.get());
    Thread.interrupted();
  }

  @Test
  void abandonInterruptsTheWorkerAndFencesTheWrite() {
    SyncAttempt attempt = new SyncAttempt();
    assertTrue(attempt.enter());
    assertTrue(attempt.abandon(released::incrementAndGet));
    assertTrue(Thread.interrupted(), "the worker (this thread) was interrupted");
    assertFalse(attempt.beginWrite());
    assertEquals(0, released.get(), "released only when the worker ends");
    assertTrue(attempt.exit());
    assertEquals(1, released.get());
  }

  @Test
  void anAttemptThatBeganWritingIsNotAbandoned() {
    SyncAttempt attempt = new SyncAttempt();
    assertTrue(attempt.enter());
    assertTrue(attempt.beginWrite());
    assertFalse(attempt.abandon(released::incrementAndGet));
    assertFalse(Thread.interrupted());
    assertFalse(attempt.exit());
    assertFalse(attempt.abandon(released::incrementAndGet), "nor once it ended");
    assertEquals(0, released.get());
  }
}
