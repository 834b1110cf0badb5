package dev.fidelius.operator.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fidelius.operator.backend.ErrorKind;
import dev.fidelius.operator.backend.Outcome;
import dev.fidelius.operator.backend.SecretBackend;
import dev.fidelius.operator.backend.SecretId;
import dev.fidelius.operator.backend.SecretListing;
import dev.fidelius.operator.backend.SecretRequest;
import dev.fidelius.operator.backend.SecretScope;
import dev.fidelius.operator.backend.SecretValue;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One sweep per backend serves every resource, triggers only the changed ones, forgets deleted resources and survives failures. */
class ChangeSweeperLivenessTest {

  private final List<Object> triggered = new CopyOnWriteArrayList<>();
  private final ChangeSweeper sweeper = new ChangeSweeper(triggered::add, Duration.ofMillis(1), Clock.systemUTC(), 1);
  private final VersionsBackend backend = new VersionsBackend();
  private final SecretId a = SecretId.of("APP", null, "dev", "a");
  private final SecretId b = SecretId.of("APP", null, "dev", "b");

  @AfterEach
  void close() {
    sweeper.close();
  }

  @Test
  void oneSweepAsksOnceForEveryResourceAndTriggersOnlyTheChangedOnes() {
    backend.versions.put(a, "2");
    backend.versions.put(b, "1");
    sweeper.register("store", backend, "fsec-a", interest(a, "1"));
    sweeper.register("store", backend, "fsec-b", interest(b, "1"));

    sweeper.sweepAllNow();

    assertThat(backend.versionCalls).as("one batched version query for both resources").hasSize(1);
    assertThat(backend.versionCalls.get(0)).containsExactlyInAnyOrder(a, b);
    assertThat(triggered).containsExactly("fsec-a");
  }

  @Test
  void aDeletedResourceStopsBeingWatched() {
    backend.versions.put(a, "1");
    sweeper.register("store", backend, "gone", interest(a, "1"));
    sweeper.setLiveness(key -> !"gone".equals(key));

    sweeper.sweepAllNow();
    sweeper.sweepAllNow();

    assertThat(backend.versionCalls).as("no AWS calls for a deleted resource's secrets").isEmpty();
  }

  @Test
  void aFailingBackendNeitherThrowsNorTriggers() {
    backend.failWith = new IllegalStateException("boom");
    sweeper.register("store", backend, "fsec-a", interest(a, "1"));

    sweeper.sweepAllNow();

    assertThat(triggered).isEmpty();
    assertThat(sweeper.snapshot("store")).isEmpty();
  }

  @Test
  void aSecretMissingFromTheListingTriggersNothing() {
    sweeper.register("store", backend, "fsec-a", interest(a, "1"));

    sweeper.sweepAllNow();

    assertThat(triggered).as("eventually consistent listings: absence is not a change").isEmpty();
  }

  private static Interest interest(SecretId id, String syncedVersion) {
    return new Interest(Set.of(id), Set.of(), Duration.ofSeconds(1), Map.of(id, syncedVersion), Map.of());
  }

  private static final class VersionsBackend implements SecretBackend {
    final Map<SecretId, String> versions = new HashMap<>();
    final List<List<SecretId>> versionCalls = new ArrayList<>();
    RuntimeException failWith;

    @Override
    public Map<SecretId, Outcome<String>> currentVersions(Collection<SecretId> ids) {
      if (failWith != null) {
        throw failWith;
      }
      versionCalls.add(List.copyOf(ids));
      Map<SecretId, Outcome<String>> result = new HashMap<>();
      ids.forEach(id -> result.put(id, versions.containsKey(id) ? Outcome.ok(versions.get(id))
          : Outcome.failed(ErrorKind.NOT_FOUND, "absent")));
      return result;
    }

    @Override
    public Map<SecretRequest, Outcome<SecretValue>> read(Collection<SecretRequest> requests) {
      throw new UnsupportedOperationException("change detection reads no values");
    }

    @Override
    public Outcome<List<SecretListing>> list(SecretScope scope) {
      return Outcome.ok(List.of());
    }
  }
}
