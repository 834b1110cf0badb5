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
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * One sweep per backend serves every resource and every scope, triggers only the changed ones,
 * forgets deleted resources (and hands back their idle backends), records missing secrets, and
 * survives failures.
 */
class ChangeSweeperLivenessTest {

  private final List<Object> triggered = new CopyOnWriteArrayList<>();
  private final List<Object> idle = new CopyOnWriteArrayList<>();
  private final ChangeSweeper<String> sweeper =
      new ChangeSweeper<>(triggered::add, idle::add, Duration.ofMillis(1), Clock.systemUTC(), 1);
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
    sweeper.track("fsec-a", registration("store", interest(a, "1")));
    sweeper.track("fsec-b", registration("store", interest(b, "1")));

    sweeper.sweepAllNow();

    assertThat(backend.versionCalls).as("one batched version query for both resources").hasSize(1);
    assertThat(backend.versionCalls.get(0)).containsExactlyInAnyOrder(a, b);
    assertThat(triggered).containsExactly("fsec-a");
  }

  @Test
  void aForgottenResourceStopsBeingWatchedAndItsIdleBackendIsEvicted() {
    backend.versions.put(a, "1");
    sweeper.track("gone", registration("store", interest(a, "1")));

    sweeper.forget("gone");
    sweeper.sweepAllNow();

    assertThat(backend.versionCalls).as("no AWS calls for a deleted resource's secrets").isEmpty();
    assertThat(sweeper.resourceCount()).isZero();
    assertThat(sweeper.backendCount()).isZero();
    assertThat(idle)
        .as("the backend no one reads is handed back for eviction")
        .containsExactly(TestKeys.key("store"));
  }

  @Test
  void aResourceMovingToAnotherBackendLeavesTheOldOneIdle() {
    sweeper.track("fsec-a", registration("old", interest(a, "1")));

    sweeper.track("fsec-a", registration("new", interest(a, "1")));

    assertThat(sweeper.backendCount()).isEqualTo(1);
    assertThat(idle).containsExactly(TestKeys.key("old"));
  }

  @Test
  void aSyncThatReadNothingToWatchLeavesChangeDetection() {
    sweeper.track("fsec-a", registration("store", interest(a, "1")));

    sweeper.track("fsec-a", Optional.empty());

    assertThat(sweeper.resourceCount()).isZero();
  }

  @Test
  void oneListingServesEveryScopeOfTheBackend() {
    SecretScope dev = SecretScope.of("APP", "dev");
    SecretScope prod = SecretScope.of("APP", "prod");
    SecretScope other = new SecretScope("APP", "api", "dev");
    sweeper.track("fsec-a", registration("store", scopes(dev, prod)));
    sweeper.track("fsec-b", registration("store", scopes(dev, other)));

    sweeper.sweepAllNow();

    assertThat(backend.listAllCalls)
        .as("one listing pass per sweep, not one per scope")
        .singleElement()
        .satisfies(scopes -> assertThat(scopes).containsExactlyInAnyOrder(dev, prod, other));
  }

  @Test
  void aMissingSecretIsRecordedSoThatReconcilesNeedNotAskAgain() {
    sweeper.track("fsec-a", registration("store", interest(a, "1")));

    sweeper.sweepAllNow();

    assertThat(sweeper.snapshot(TestKeys.key("store")))
        .hasValueSatisfying(
            s -> {
              assertThat(s.knownMissing(a)).isTrue();
              assertThat(s.version(a)).isEmpty();
            });
    backend.versions.put(a, "1");
    sweeper.sweepAllNow();
    assertThat(sweeper.snapshot(TestKeys.key("store")))
        .as("it appears at the next sweep once it exists")
        .hasValueSatisfying(s -> assertThat(s.knownMissing(a)).isFalse());
  }

  @Test
  void aThrowingTriggerNeitherEscapesNorStopsOtherTriggers() {
    List<String> reached = new CopyOnWriteArrayList<>();
    try (ChangeSweeper<String> throwing =
        new ChangeSweeper<>(
            resource -> {
              reached.add(resource);
              throw new IllegalStateException("reconciler gone");
            },
            key -> {},
            Duration.ofMillis(1),
            Clock.systemUTC(),
            1)) {
      backend.versions.put(a, "2");
      backend.versions.put(b, "2");
      throwing.track("fsec-a", registration("store", interest(a, "1")));
      throwing.track("fsec-b", registration("store", interest(b, "1")));

      throwing.sweepAllNow();

      assertThat(reached).containsExactlyInAnyOrder("fsec-a", "fsec-b");
    }
  }

  @Test
  void aFailingBackendNeitherThrowsNorTriggers() {
    backend.failWith = new IllegalStateException("boom");
    sweeper.track("fsec-a", registration("store", interest(a, "1")));

    sweeper.sweepAllNow();

    assertThat(triggered).isEmpty();
    assertThat(sweeper.snapshot(TestKeys.key("store"))).isEmpty();
  }

  @Test
  void aSecretMissingFromTheListingTriggersNothing() {
    sweeper.track("fsec-a", registration("store", interest(a, "1")));

    sweeper.sweepAllNow();

    assertThat(triggered).as("eventually consistent listings: absence is not a change").isEmpty();
  }

  private Optional<Registration> registration(String store, Interest interest) {
    return Optional.of(new Registration(TestKeys.key(store), backend, interest));
  }

  private static Interest scopes(SecretScope... scopes) {
    return new Interest(Set.of(), Set.of(scopes), Duration.ofSeconds(1), Map.of(), Map.of());
  }

  private static Interest interest(SecretId id, String syncedVersion) {
    return new Interest(
        Set.of(id), Set.of(), Duration.ofSeconds(1), Map.of(id, syncedVersion), Map.of());
  }

  private static final class VersionsBackend implements SecretBackend {
    final Map<SecretId, String> versions = new HashMap<>();
    final List<List<SecretId>> versionCalls = new ArrayList<>();
    final List<Set<SecretScope>> listAllCalls = new ArrayList<>();
    RuntimeException failWith;

    @Override
    public Map<SecretId, Outcome<String>> currentVersions(Collection<SecretId> ids) {
      if (failWith != null) {
        throw failWith;
      }
      versionCalls.add(List.copyOf(ids));
      Map<SecretId, Outcome<String>> result = new HashMap<>();
      ids.forEach(
          id ->
              result.put(
                  id,
                  versions.containsKey(id)
                      ? Outcome.ok(versions.get(id))
                      : Outcome.failed(ErrorKind.NOT_FOUND, "absent")));
      return result;
    }

    @Override
    public Map<SecretRequest, Outcome<SecretValue>> read(Collection<SecretRequest> requests) {
      throw new UnsupportedOperationException("change detection reads no values");
    }

    @Override
    public Outcome<List<SecretListing>> list(SecretScope scope) {
      throw new AssertionError("the sweep lists every scope in one pass");
    }

    @Override
    public Map<SecretScope, Outcome<List<SecretListing>>> listAll(Collection<SecretScope> scopes) {
      listAllCalls.add(Set.copyOf(scopes));
      Map<SecretScope, Outcome<List<SecretListing>>> result = new HashMap<>();
      scopes.forEach(scope -> result.put(scope, Outcome.ok(List.of())));
      return result;
    }
  }
}
