package dev.fidelius.operator.backend.fidelius;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fidelius.operator.backend.Outcome;
import dev.fidelius.operator.backend.SecretScope;
import dev.fidelius.operator.backend.SecretValue;
import dev.fidelius.operator.backend.ValueCache;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class DecryptOnceTest {

  private final FakeDataKeys kms = new FakeDataKeys();
  private final FideliusName name =
      new FideliusNames(ContextKeys.FIDELIUS_DEFAULTS).nameOf(SecretScope.of("app", "dev"), "db");
  private final Map<String, AttributeValue> item =
      new ItemSealer(kms).seal(name, 4, "rotated", Instant.parse("2024-01-01T09:00:00Z"));

  @Test
  void syncsWantingTheSameNewVersionAtOnceCostOneKmsCall() throws Exception {
    CountDownLatch firstEntered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger calls = new AtomicInteger();
    DataKeyDecryptor slowKms =
        (wrapped, context, secret) -> {
          if (calls.incrementAndGet() == 1) {
            firstEntered.countDown();
            await(release);
          }
          return kms.decrypt(wrapped, context, secret);
        };
    DecryptOnce decrypt =
        new DecryptOnce(new ItemDecryptor(slowKms), new ValueCache(1 << 20), "store");

    CompletableFuture<Outcome<SecretValue>> first =
        CompletableFuture.supplyAsync(() -> decrypt.valueOf(name, item));
    assertThat(firstEntered.await(30, TimeUnit.SECONDS)).isTrue();
    Thread[] second = new Thread[1];
    CompletableFuture<Outcome<SecretValue>> other = new CompletableFuture<>();
    second[0] = new Thread(() -> other.complete(decrypt.valueOf(name, item)));
    second[0].start();
    waitUntilParked(second[0]); // waiting for the first one's answer, not decrypting itself
    release.countDown();

    assertThat(first.get(30, TimeUnit.SECONDS).value().text()).contains("rotated");
    assertThat(other.get(30, TimeUnit.SECONDS).value().text()).contains("rotated");
    assertThat(calls).hasValue(1);
  }

  private static void waitUntilParked(Thread thread) throws InterruptedException {
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
