package dev.fidelius.operator.sweep;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Change detection on a backend of versions only: what it triggers, what it reads ahead, how long
 * it holds.
 */
class ChangeSweeperTest {

  private static final Duration REFRESH = Duration.ofSeconds(30);

  private final SecretId db = SecretId.of("PAYMENTS", null, "dev", "db_password");
  private final SecretId api = SecretId.of("PAYMENTS", null, "dev", "api_key");
  private final SecretId other = SecretId.of("ORDERS", null, "dev", "token");

  /** Triggered resource keys and prefetched request sets, in the order they happened. */
  private final List<Object> events = new ArrayList<>();

  private final VersionsBackend backend = new VersionsBackend();
  private final ManualClock clock = new ManualClock();
  private final List<Object> idle = new ArrayList<>();
  private final ChangeSweeper<String> sweeper =
      new ChangeSweeper<>(events::add, idle::add, Duration.ofMillis(1), clock, 1);

  @AfterEach
  void stop() {
    sweeper.close();
  }

  @Test
  void everyNewVersionIsHandedToTheBackendInOneBatchBeforeAnyReconcileIsTriggered() {
    backend.versions.putAll(Map.of(db, "2", api, "2", other, "1"));
    sweeper.track("both", registration("b", interest(Map.of(db, "1", api, "1"))));
    sweeper.track("db-too", registration("b", interest(Map.of(db, "1"))));
    sweeper.track("unchanged", registration("b", interest(Map.of(other, "1"))));

    sweeper.sweepAllNow();

    assertThat(events.get(0)).isEqualTo(Set.of(exact(db, "2"), exact(api, "2")));
    assertThat(events.subList(1, events.size())).containsExactlyInAnyOrder("both", "db-too");
  }

  @Test
  void aSweepThatSeesNoChangeReadsNothingAhead() {
    backend.versions.putAll(Map.of(db, "1"));
    sweeper.track("r", registration("b", interest(Map.of(db, "1"))));

    sweeper.sweepAllNow();

    assertThat(events).isEmpty();
  }

  @Test
  void aSnapshotServesReconcilesForTwoIntervalsThenGivesWayToDirectReads() {
    backend.versions.put(db, "1");
    sweeper.track("r", registration("b", interest(Map.of(db, "1"))));
    sweeper.sweepAllNow();

    clock.advance(REFRESH.plusSeconds(15)); // the next sweep is due or running: still current
    assertThat(sweeper.currentSnapshot(TestKeys.key("b"), REFRESH)).isPresent();
    clock.advance(
        REFRESH.minusSeconds(15).plusMillis(1)); // two intervals and no sweep: sweeps are failing
    assertThat(sweeper.currentSnapshot(TestKeys.key("b"), REFRESH)).isEmpty();
    assertThat(sweeper.currentSnapshot(TestKeys.key("b"), Duration.ZERO))
        .as("sync-once resources are not swept")
        .isEmpty();
  }

  @Test
  void aSweepSlowerThanTheIntervalKeepsItsSnapshotInUseUntilTheNextOneLands() {
    backend.versions.put(db, "1");
    backend.sweepTakes = REFRESH.multipliedBy(3);
    sweeper.track("r", registration("b", interest(Map.of(db, "1"))));
    sweeper.sweepAllNow();

    // Landed three intervals after it started; the next one lands three intervals after that.
    clock.advance(REFRESH.multipliedBy(3));
    assertThat(sweeper.currentSnapshot(TestKeys.key("b"), REFRESH))
        .as("taken six intervals ago, while sweeps take three")
        .isPresent();
    clock.advance(REFRESH.multipliedBy(2).plusMillis(1));
    assertThat(sweeper.currentSnapshot(TestKeys.key("b"), REFRESH))
        .as("older than two intervals plus two sweeps: sweeps are failing")
        .isEmpty();
  }

  @Test
  void aNewBackendIsFirstSweptAnIntervalAfterTheSyncThatRegisteredIt() {
    Instant firstRead = Instant.parse("2026-01-01T00:00:00Z");
    BackendSweep<String> state = new BackendSweep<>(backend, firstRead);
    state.interests().put("r", interest(Map.of(db, "1")));
    Duration floor = Duration.ofMillis(1);
    Duration safety = Duration.ofMinutes(10);

    assertThat(state.isDue(firstRead.plusSeconds(1), floor, safety))
        .as("the next tick: that sync (at a cold start, the read-ahead) has just read it all")
        .isFalse();
    assertThat(state.isDue(firstRead.plus(REFRESH), floor, safety)).isTrue();

    state.sweepSoon(); // the change feed went live or stopped
    assertThat(state.isDue(firstRead.plusSeconds(1), floor, safety)).isTrue();
  }

  private Optional<Registration> registration(String store, Interest interest) {
    return Optional.of(new Registration(TestKeys.key(store), backend, interest));
  }

  private static Interest interest(Map<SecretId, String> synced) {
    return new Interest(synced.keySet(), Set.of(), REFRESH, synced, Map.of());
  }

  private static SecretRequest exact(SecretId id, String version) {
    return new SecretRequest(id, VersionSelector.exact(version));
  }

  /** Current versions from a map; prefetches are recorded; values are never read by the sweeper. */
  private final class VersionsBackend implements SecretBackend {
    final Map<SecretId, String> versions = new HashMap<>();
    Duration sweepTakes = Duration.ZERO;

    @Override
    public Map<SecretId, Outcome<String>> currentVersions(Collection<SecretId> ids) {
      clock.advance(sweepTakes);
      Map<SecretId, Outcome<String>> result = new LinkedHashMap<>();
      ids.forEach(id -> result.put(id, Outcome.ok(versions.get(id))));
      return result;
    }

    @Override
    public Map<SecretRequest, Outcome<SecretValue>> read(Collection<SecretRequest> requests) {
      throw new AssertionError("change detection reads no value");
    }

    @Override
    public Outcome<List<SecretListing>> list(SecretScope scope) {
      return Outcome.ok(List.of());
    }

    @Override
    public void prefetch(Collection<SecretRequest> exactVersions) {
      events.add(Set.copyOf(exactVersions));
    }
  }
}
