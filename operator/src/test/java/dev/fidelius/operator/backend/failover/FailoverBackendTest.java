package dev.fidelius.operator.backend.failover;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fidelius.operator.backend.ErrorKind;
import dev.fidelius.operator.backend.Outcome;
import dev.fidelius.operator.backend.SecretBackend;
import dev.fidelius.operator.backend.SecretId;
import dev.fidelius.operator.backend.SecretListing;
import dev.fidelius.operator.backend.SecretRequest;
import dev.fidelius.operator.backend.SecretScope;
import dev.fidelius.operator.backend.SecretValue;
import dev.fidelius.operator.backend.VersionSelector;
import dev.fidelius.operator.testsupport.ManualClock;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class FailoverBackendTest {

  private static final SecretId DB = SecretId.of("PAYMENTS", null, "prod", "db");
  private static final Duration AFTER = Duration.ofSeconds(30);
  private static final Duration PROBE = Duration.ofSeconds(60);

  private final ManualClock clock = new ManualClock();
  private final RegionBackend east = new RegionBackend("7");
  private final RegionBackend west = new RegionBackend("7");
  private final RegionHealth health =
      new RegionHealth(
          List.of("us-east-1", "us-west-2"),
          new FailoverPolicy(AFTER, PROBE, Duration.ZERO),
          clock,
          s -> {});
  private final FailoverBackend backend =
      new FailoverBackend(Map.of("us-east-1", east, "us-west-2", west), health);

  @Test
  void readsGoToThePrimaryWhileItAnswers() {
    assertThat(backend.currentVersions(List.of(DB)).get(DB).value()).isEqualTo("7");
    assertThat(east.calls).isEqualTo(1);
    assertThat(west.calls).isZero();
    assertThat(backend.serving().orElseThrow().region()).isEqualTo("us-east-1");
  }

  @Test
  void anOutageLongerThanAfterMovesReadsAndTheCallThatSawItIsAnsweredByTheReplica() {
    east.failWith = ErrorKind.UNAVAILABLE;
    assertThat(backend.currentVersions(List.of(DB)).get(DB).isOk()).isFalse();
    clock.advance(AFTER);
    west.version = "8"; // a rotation during the outage, replicated to the west
    Outcome<String> version = backend.currentVersions(List.of(DB)).get(DB);
    assertThat(version.value()).isEqualTo("8");
    assertThat(backend.serving().orElseThrow().region()).isEqualTo("us-west-2");
    assertThat(backend.serving().orElseThrow().primary()).isFalse();
    assertThat(backend.read(List.of(latest())).get(latest()).value().version()).isEqualTo("8");
  }

  @ParameterizedTest
  @EnumSource(
      value = ErrorKind.class,
      names = {
        "ACCESS_DENIED",
        "NOT_FOUND",
        "INTEGRITY_ERROR",
        "DECRYPT_FAILED",
        "INVALID_REQUEST"
      })
  void answersThatAreErrorsNeverMoveReads(ErrorKind kind) {
    east.failWith = kind;
    for (int i = 0; i < 10; i++) {
      assertThat(backend.read(List.of(latest())).get(latest()).error().kind()).isEqualTo(kind);
      clock.advance(AFTER);
    }
    assertThat(backend.serving().orElseThrow().region()).isEqualTo("us-east-1");
    assertThat(west.calls).isZero();
  }

  @Test
  void throttlingPastTheRetriesCountsAsAnOutage() {
    east.failWith = ErrorKind.THROTTLED;
    backend.currentVersions(List.of(DB));
    clock.advance(AFTER);
    backend.currentVersions(List.of(DB));
    assertThat(backend.serving().orElseThrow().region()).isEqualTo("us-west-2");
  }

  @Test
  void aProbeOfTheRecoveredPrimaryBringsReadsBackAndAnswersTheCall() {
    east.failWith = ErrorKind.UNAVAILABLE;
    backend.currentVersions(List.of(DB));
    clock.advance(AFTER);
    backend.currentVersions(List.of(DB));
    int eastCalls = east.calls;
    clock.advance(Duration.ofSeconds(10));
    backend.currentVersions(List.of(DB));
    assertThat(east.calls).as("no probe before the interval").isEqualTo(eastCalls);

    east.failWith = null;
    east.version = "9";
    clock.advance(PROBE);
    assertThat(backend.currentVersions(List.of(DB)).get(DB).value()).isEqualTo("9");
    assertThat(backend.serving().orElseThrow().region()).isEqualTo("us-east-1");
  }

  @Test
  void valuesServedFromTheCacheAreNoSignOfHealth() {
    east.failWith = ErrorKind.UNAVAILABLE;
    east.readsFromCache = true;
    backend.currentVersions(List.of(DB));
    clock.advance(Duration.ofSeconds(20));
    assertThat(backend.read(List.of(latest())).get(latest()).isOk()).isTrue();
    clock.advance(Duration.ofSeconds(10));
    backend.currentVersions(List.of(DB));
    assertThat(backend.serving().orElseThrow().region()).isEqualTo("us-west-2");

    // Nor does a cached read probe the primary back while it is down.
    clock.advance(PROBE.multipliedBy(3));
    backend.read(List.of(latest()));
    assertThat(backend.serving().orElseThrow().region()).isEqualTo("us-west-2");
  }

  @Test
  void listingsAreRoutedAndObservedToo() {
    east.failWith = ErrorKind.UNAVAILABLE;
    SecretScope scope = DB.scope();
    backend.list(scope);
    clock.advance(AFTER);
    assertThat(backend.list(scope).isOk()).isTrue();
    assertThat(backend.serving().orElseThrow().region()).isEqualTo("us-west-2");
  }

  private static SecretRequest latest() {
    return new SecretRequest(DB, new VersionSelector.Latest());
  }

  /** One region's store: one secret, one version, or every call failing with one kind. */
  private static final class RegionBackend implements SecretBackend {
    volatile String version;
    volatile ErrorKind failWith;
    volatile boolean readsFromCache;
    int calls;

    RegionBackend(String version) {
      this.version = version;
    }

    @Override
    public Map<SecretId, Outcome<String>> currentVersions(Collection<SecretId> ids) {
      calls++;
      Map<SecretId, Outcome<String>> result = new LinkedHashMap<>();
      ids.forEach(id -> result.put(id, outcome(version)));
      return result;
    }

    @Override
    public Map<SecretRequest, Outcome<SecretValue>> read(Collection<SecretRequest> requests) {
      calls++;
      Map<SecretRequest, Outcome<SecretValue>> result = new LinkedHashMap<>();
      requests.forEach(
          r ->
              result.put(
                  r,
                  (readsFromCache ? Outcome.ok(version) : outcome(version))
                      .map(v -> SecretValue.text(r.id().name(), v, "x", null))));
      return result;
    }

    @Override
    public Outcome<List<SecretListing>> list(SecretScope scope) {
      calls++;
      return outcome(version).map(v -> List.of(new SecretListing(DB, DB.name(), v)));
    }

    private <T> Outcome<T> outcome(T value) {
      ErrorKind kind = failWith;
      return kind == null ? Outcome.ok(value) : Outcome.failed(kind, "injected " + kind);
    }
  }
}
