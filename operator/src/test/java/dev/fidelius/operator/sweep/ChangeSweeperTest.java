package dev.fidelius.operator.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fidelius.operator.backend.Outcome;
import dev.fidelius.operator.backend.SecretBackend;
import dev.fidelius.operator.backend.SecretId;
import dev.fidelius.operator.backend.SecretListing;
import dev.fidelius.operator.backend.SecretRequest;
import dev.fidelius.operator.backend.SecretScope;
import dev.fidelius.operator.backend.SecretValue;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Change detection on a backend of versions only: how long a snapshot serves reconciles. */
class ChangeSweeperTest {

  private static final Duration REFRESH = Duration.ofSeconds(30);

  private final SecretId db = SecretId.of("PAYMENTS", null, "dev", "db_password");

  /** Triggered resource keys. */
  private final List<Object> events = new ArrayList<>();
  private final VersionsBackend backend = new VersionsBackend();
  private final MutableClock clock = new MutableClock();
  private final ChangeSweeper sweeper = new ChangeSweeper(events::add, Duration.ofMillis(1),
      clock, 1);

  @AfterEach
  void stop() {
    sweeper.close();
  }

  @Test
  void aSnapshotServesReconcilesForTwoIntervalsThenGivesWayToDirectReads() {
    backend.versions.put(db, "1");
    sweeper.register("b", backend, "r", interest(Map.of(db, "1")));
    sweeper.sweepAllNow();

    clock.advance(REFRESH.plusSeconds(15)); // the next sweep is due or running: still current
    assertThat(sweeper.currentSnapshot("b", REFRESH)).isPresent();
    clock.advance(REFRESH.minusSeconds(15).plusMillis(1)); // two intervals and no sweep: sweeps are failing
    assertThat(sweeper.currentSnapshot("b", REFRESH)).isEmpty();
    assertThat(sweeper.currentSnapshot("b", Duration.ZERO)).as("sync-once resources are not swept").isEmpty();
  }

  private static Interest interest(Map<SecretId, String> synced) {
    return new Interest(synced.keySet(), Set.of(), REFRESH, synced, Map.of());
  }

  /** Current versions from a map; values are never read by the sweeper. */
  private final class VersionsBackend implements SecretBackend {
    final Map<SecretId, String> versions = new HashMap<>();

    @Override
    public Map<SecretId, Outcome<String>> currentVersions(Collection<SecretId> ids) {
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
  }

  private static final class MutableClock extends Clock {
    private Instant now = Instant.parse("2024-06-01T12:00:00Z");

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
