package dev.fidelius.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BackoffTest {

  /**
   * Found by the e2e suite: with a 2 s refresh interval a failed sync was retried only after 4 to 6
   * s (the 5 s base overrode the cap, and the jitter went 20% past it), so recovery after a fault
   * took up to three intervals instead of at most two.
   */
  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 5, 10, 40})
  void aFailureIsRetriedWithinTheRefreshInterval(int attempt) {
    for (Duration cap :
        new Duration[] {Duration.ofSeconds(2), Duration.ofSeconds(10), Duration.ofMinutes(5)}) {
      for (int i = 0; i < 200; i++) {
        assertThat(Backoff.delay(attempt, cap))
            .as("attempt %d, cap %s", attempt, cap)
            .isLessThanOrEqualTo(cap)
            .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
      }
    }
  }

  @Test
  void delaysGrowFromFiveSecondsWithJitterUntilTheCap() {
    Duration cap = Duration.ofMinutes(5);
    for (int i = 0; i < 200; i++) {
      assertThat(Backoff.delay(1, cap)).isBetween(Duration.ofSeconds(4), Duration.ofSeconds(6));
      assertThat(Backoff.delay(2, cap)).isBetween(Duration.ofSeconds(8), Duration.ofSeconds(12));
      assertThat(Backoff.delay(20, cap)).isBetween(Duration.ofMinutes(4), cap);
    }
  }

  @Test
  void manyResourcesAtTheCapDoNotRetryInLockstep() {
    long distinct =
        java.util.stream.IntStream.range(0, 100)
            .mapToObj(i -> Backoff.delay(10, Duration.ofSeconds(30)))
            .distinct()
            .count();
    assertThat(distinct).isGreaterThan(50);
  }

  @Test
  void subSecondCapsStillWaitOneSecond() {
    assertThat(Backoff.delay(1, Duration.ofMillis(500))).isEqualTo(Duration.ofSeconds(1));
  }
}
