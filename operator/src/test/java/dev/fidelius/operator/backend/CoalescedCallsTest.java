package dev.fidelius.operator.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class CoalescedCallsTest {

  private final CoalescedCalls<String, Integer> calls = new CoalescedCalls<>();
  private final AtomicInteger made = new AtomicInteger();

  @Test
  void callersArrivingWhileACallRunsShareTheNextCallNotTheRunningOne() throws Exception {
    CountDownLatch firstEntered = new CountDownLatch(1);
    CountDownLatch releaseFirst = new CountDownLatch(1);
    Supplier<Integer> query =
        () -> {
          int n = made.incrementAndGet();
          if (n == 1) {
            firstEntered.countDown();
            await(releaseFirst);
          }
          return n;
        };
    CompletableFuture<Integer> first = new CompletableFuture<>();
    Thread a = new Thread(() -> first.complete(calls.call("db", query)));
    a.start();
    assertThat(firstEntered.await(30, TimeUnit.SECONDS)).isTrue();

    CompletableFuture<Integer> second = new CompletableFuture<>();
    CompletableFuture<Integer> third = new CompletableFuture<>();
    Thread b = new Thread(() -> second.complete(calls.call("db", query)));
    Thread c = new Thread(() -> third.complete(calls.call("db", query)));
    b.start();
    waitUntilWaiting(b);
    c.start();
    waitUntilWaiting(c);
    releaseFirst.countDown();

    assertThat(first.get(30, TimeUnit.SECONDS)).isEqualTo(1);
    assertThat(second.get(30, TimeUnit.SECONDS))
        .as("asked after the first call started: answered by a call started later")
        .isEqualTo(2);
    assertThat(third.get(30, TimeUnit.SECONDS)).as("shares that later call").isEqualTo(2);
    assertThat(made).hasValue(2);
  }

  @Test
  void callsForOtherKeysDoNotWait() {
    assertThat(calls.call("a", made::incrementAndGet)).isEqualTo(1);
    assertThat(calls.call("b", made::incrementAndGet)).isEqualTo(2);
    assertThat(calls.call("a", made::incrementAndGet))
        .as("a call after the last one returned is a new call")
        .isEqualTo(3);
  }

  @Test
  void aFailingCallFailsItsCallerAndTheNextCallStartsAfresh() {
    assertThatThrownBy(
            () ->
                calls.call(
                    "db",
                    () -> {
                      throw new IllegalArgumentException("throttled");
                    }))
        .hasMessage("throttled");
    assertThat(calls.call("db", made::incrementAndGet)).isEqualTo(1);
  }

  private static void waitUntilWaiting(Thread thread) {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (thread.getState() != Thread.State.WAITING && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    assertThat(thread.getState()).isEqualTo(Thread.State.WAITING);
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
