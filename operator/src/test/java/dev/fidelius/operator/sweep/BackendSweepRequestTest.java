package dev.fidelius.operator.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fidelius.operator.backend.Outcome;
import dev.fidelius.operator.backend.SecretBackend;
import dev.fidelius.operator.backend.SecretId;
import dev.fidelius.operator.backend.SecretListing;
import dev.fidelius.operator.backend.SecretRequest;
import dev.fidelius.operator.backend.SecretScope;
import dev.fidelius.operator.backend.SecretValue;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A sweep asked for while another runs must still happen: the change feed went down or came back
 * (at LATEST) after the running sweep had read a name, so a rotation in between is in neither. With
 * an hour between sweeps, losing the request loses the rotation for that hour.
 */
class BackendSweepRequestTest {

  private static final Duration REFRESH = Duration.ofHours(1);
  private static final Duration FLOOR = Duration.ofMillis(1);
  private final SecretId db = SecretId.of("PAYMENTS", null, "dev", "db_password");
  private final Instant started = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void aSweepAskedForWhileOneRunsHappensAtTheNextTick() {
    BackendSweep<String>[] state = newSweepCalling(s -> s.sweepSoon());

    state[0].sweep(started);

    assertThat(state[0].isDue(started, FLOOR, REFRESH)).isTrue();
  }

  @Test
  void aFailedSweepDoesNotSwallowARequestMadeWhileItRan() {
    BackendSweep<String>[] state =
        newSweepCalling(
            s -> {
              s.sweepSoon();
              throw new IllegalStateException("read failed");
            });

    try {
      state[0].sweep(started);
    } catch (IllegalStateException expected) {
      state[0].attempted(started); // as ChangeSweeper does
    }

    assertThat(state[0].isDue(started, FLOOR, REFRESH)).isTrue();
  }

  @Test
  void aSweepWithoutRequestsWaitsItsInterval() {
    BackendSweep<String>[] state = newSweepCalling(s -> {});
    state[0].sweepSoon(); // before the sweep: this sweep answers it

    state[0].sweep(started);

    assertThat(state[0].isDue(started.plus(Duration.ofMinutes(59)), FLOOR, REFRESH)).isFalse();
    assertThat(state[0].isDue(started.plus(REFRESH), FLOOR, REFRESH)).isTrue();
  }

  @Test
  void aSweepFallsDueEarlyByHowLongTheLastOneTookAndAnAllowance() {
    BackendSweep<String>[] state = newSweepCalling(s -> {});
    state[0].sweep(started);
    state[0].took(Duration.ofSeconds(5));

    Instant dueAt =
        started.plus(REFRESH).minus(Duration.ofSeconds(5)).minus(BackendSweep.LEAD_ALLOWANCE);

    assertThat(state[0].isDue(dueAt.minusMillis(1), FLOOR, REFRESH)).isFalse();
    assertThat(state[0].isDue(dueAt, FLOOR, REFRESH)).isTrue();
  }

  @Test
  void aSlowSweepStartsTheNextAtMostATenthOfTheIntervalEarly() {
    BackendSweep<String>[] state = newSweepCalling(s -> {});
    state[0].sweep(started);
    state[0].took(Duration.ofMinutes(40));

    Instant dueAt = started.plus(REFRESH).minus(REFRESH.dividedBy(10));

    assertThat(state[0].isDue(dueAt.minusMillis(1), FLOOR, REFRESH)).isFalse();
    assertThat(state[0].isDue(dueAt, FLOOR, REFRESH)).isTrue();
  }

  /** A sweep whose backend runs {@code duringRead} while it reads the versions. */
  @SuppressWarnings("unchecked")
  private BackendSweep<String>[] newSweepCalling(
      java.util.function.Consumer<BackendSweep<String>> duringRead) {
    BackendSweep<String>[] holder = new BackendSweep[1];
    SecretBackend backend =
        new SecretBackend() {
          @Override
          public Map<SecretId, Outcome<String>> currentVersions(Collection<SecretId> ids) {
            duringRead.accept(holder[0]);
            return Map.of(db, Outcome.ok("1"));
          }

          @Override
          public Map<SecretRequest, Outcome<SecretValue>> read(Collection<SecretRequest> requests) {
            return Map.of();
          }

          @Override
          public Outcome<List<SecretListing>> list(SecretScope scope) {
            return Outcome.ok(List.of());
          }
        };
    holder[0] = new BackendSweep<>(backend, Instant.EPOCH);
    holder[0].interests().put("r", new Interest(Set.of(db), Set.of(), REFRESH, Map.of(), Map.of()));
    return holder;
  }
}
