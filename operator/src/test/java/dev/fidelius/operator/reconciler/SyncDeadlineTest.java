package dev.fidelius.operator.reconciler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fidelius.operator.api.CreationPolicy;
import dev.fidelius.operator.health.ProgressWatchdog;
import dev.fidelius.operator.status.Reasons;
import dev.fidelius.operator.sync.SyncReport;
import dev.fidelius.operator.target.ObservedTarget;
import dev.fidelius.operator.target.TargetSpec;
import dev.fidelius.operator.target.TargetWriter;
import dev.fidelius.operator.target.WriteResult;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SyncDeadlineTest {

  private static final Duration BUDGET = Duration.ofMillis(300);
  private static final SyncReport OK =
      SyncReport.failure("Synced", "fine", false, Duration.ofHours(1), "t");
  private static final Function<String, SyncReport> TIMED_OUT =
      message ->
          SyncReport.failure(Reasons.SYNC_TIMEOUT, message, true, Duration.ofMinutes(5), "t");

  private final ProgressWatchdog watchdog =
      new ProgressWatchdog(Clock.systemUTC(), Duration.ofHours(1));
  private final SyncDeadline deadline = new SyncDeadline(BUDGET, 2, 2, watchdog);
  private final CountDownLatch release = new CountDownLatch(1);

  @AfterEach
  void close() {
    release.countDown();
    deadline.close();
  }

  @Test
  void aSyncWithinItsBudgetReturnsItsReport() {
    assertSame(OK, deadline.run("a", () -> OK, TIMED_OUT));
    assertEquals(0, deadline.timeouts());
  }

  @Test
  void aSyncPastItsBudgetIsAbandonedInterruptedAndReported() throws Exception {
    CountDownLatch interrupted = new CountDownLatch(1);
    long start = System.nanoTime();
    SyncReport report =
        deadline.run(
            "a",
            () -> {
              try {
                release.await();
              } catch (InterruptedException e) {
                interrupted.countDown();
              }
              return OK;
            },
            TIMED_OUT);
    long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertEquals(Reasons.SYNC_TIMEOUT, report.reason());
    assertTrue(
        report.message().contains("abandoned") && report.message().contains("not changed"),
        report.message());
    assertTrue(tookMs < 5_000, "returned after " + tookMs + " ms");
    assertTrue(interrupted.await(10, TimeUnit.SECONDS), "the worker is interrupted");
    assertEquals(1, deadline.timeouts());
  }

  @Test
  void anAbandonedSyncNeverWritesTheSecret() throws Exception {
    List<String> writes = new CopyOnWriteArrayList<>();
    TargetWriter fenced = new FencedTargetWriter(recording(writes));
    CountDownLatch threw = new CountDownLatch(1);
    SyncReport report =
        deadline.run(
            "a",
            () -> {
              uninterruptibly(release);
              try {
                fenced.write(target(), ObservedTarget.ABSENT, Map.of("k", new byte[] {1}), "h");
              } catch (AbandonedSyncException e) {
                threw.countDown();
              }
              return OK;
            },
            TIMED_OUT);
    assertEquals(Reasons.SYNC_TIMEOUT, report.reason());
    release.countDown(); // the stuck work goes on after its deadline...
    assertTrue(threw.await(10, TimeUnit.SECONDS));
    assertEquals(List.of(), writes, "...but cannot write");
    await(() -> deadline.abandonedRunning() == 0);
  }

  @Test
  void aSyncThatBeganWritingAtItsDeadlineIsWaitedFor() {
    List<String> writes = new CopyOnWriteArrayList<>();
    TargetWriter slowWriter =
        (target, existing, data, hash) -> {
          uninterruptibly(release);
          writes.add(target.name());
          return new WriteResult(WriteResult.Kind.UPDATED, "updated");
        };
    TargetWriter fenced = new FencedTargetWriter(slowWriter);
    new Thread(
            () -> {
              // A deliberate delay, not a wait for a condition: the write must still run when the
              // budget ends.
              sleepPast(BUDGET.multipliedBy(3));
              release.countDown();
            })
        .start();
    SyncReport report =
        deadline.run(
            "a",
            () -> {
              fenced.write(target(), ObservedTarget.ABSENT, Map.of(), "h");
              return OK;
            },
            TIMED_OUT);
    assertSame(OK, report, "the write finished, so its result is reported");
    assertEquals(List.of("target"), writes);
    assertEquals(0, deadline.timeouts());
  }

  @Test
  void aResourceWhoseAbandonedSyncStillRunsDoesNotStartAnother() {
    deadline.run("a", () -> uninterruptibly(release), TIMED_OUT);
    List<String> ran = new CopyOnWriteArrayList<>();
    SyncReport second =
        deadline.run(
            "a",
            () -> {
              ran.add("second");
              return OK;
            },
            TIMED_OUT);
    assertEquals(Reasons.SYNC_TIMEOUT, second.reason());
    assertTrue(second.message().contains("still running"), second.message());
    assertEquals(List.of(), ran);
    assertSame(OK, deadline.run("b", () -> OK, TIMED_OUT), "other resources still sync");
    release.countDown();
    await(() -> deadline.abandonedRunning() == 0);
    assertSame(
        OK,
        deadline.run("a", () -> OK, TIMED_OUT),
        "once the stuck work ended, the resource syncs again");
  }

  @Test
  void abandonedWorkIsBoundedAndThenSyncsAreRefusedNotQueuedForever() {
    // 2 live workers + room for 2 abandoned ones: four stuck syncs fill the pool.
    for (String key : List.of("a", "b", "c", "d")) {
      assertEquals(
          Reasons.SYNC_TIMEOUT,
          deadline.run(key, () -> uninterruptibly(release), TIMED_OUT).reason());
    }
    assertEquals(4, deadline.abandonedRunning());
    SyncReport refused = deadline.run("e", () -> OK, TIMED_OUT);
    assertEquals(Reasons.SYNC_TIMEOUT, refused.reason());
    assertTrue(refused.message().contains("no sync worker free"), refused.message());
    release.countDown();
    await(() -> deadline.abandonedRunning() == 0);
    assertSame(OK, deadline.run("e", () -> OK, TIMED_OUT));
  }

  @Test
  void whatTheSyncThrowsReachesTheCaller() {
    var e =
        assertThrows(
            IllegalStateException.class,
            () ->
                deadline.run(
                    "a",
                    () -> {
                      throw new IllegalStateException("boom");
                    },
                    TIMED_OUT));
    assertEquals("boom", e.getMessage());
  }

  @Test
  void liveSyncsAndAbandonedOnesAreSeenByTheWatchdog() {
    ProgressWatchdog strict = new ProgressWatchdog(Clock.systemUTC(), Duration.ofMillis(1));
    try (SyncDeadline d = new SyncDeadline(BUDGET, 1, 1, strict)) {
      d.run("a", () -> uninterruptibly(release), TIMED_OUT);
      assertFalse(strict.healthy(), "abandoned and nothing completed");
      release.countDown();
      await(() -> d.abandonedRunning() == 0);
      assertFalse(strict.healthy(), "an abandoned sync that ends is not progress");
      d.run("b", () -> OK, TIMED_OUT);
      assertTrue(strict.healthy());
    }
  }

  private static SyncReport uninterruptibly(CountDownLatch latch) {
    boolean interrupted = false;
    while (true) {
      try {
        if (latch.await(10, TimeUnit.SECONDS)) {
          break;
        }
      } catch (InterruptedException e) {
        interrupted = true; // like a CPU-bound loop: goes on regardless
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    return OK;
  }

  private static void sleepPast(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void await(BooleanSupplier condition) {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("condition not met within 10 s");
      }
      sleepPast(Duration.ofMillis(10));
    }
  }

  private static TargetWriter recording(List<String> writes) {
    return (target, existing, data, hash) -> {
      writes.add(target.name());
      return new WriteResult(WriteResult.Kind.CREATED, "created");
    };
  }

  private static TargetSpec target() {
    return new TargetSpec(
        "ns",
        "target",
        "Opaque",
        Map.of(),
        Map.of(),
        CreationPolicy.Owner,
        false,
        new TargetSpec.Owner("fidelius.dev/v1alpha1", "FideliusSecret", "fs", "uid"));
  }
}
