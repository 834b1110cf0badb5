package dev.fidelius.operator.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fidelius.operator.backend.ChangeFeed;
import dev.fidelius.operator.backend.ChangeNotice;
import dev.fidelius.operator.backend.FeedState;
import dev.fidelius.operator.backend.Outcome;
import dev.fidelius.operator.backend.SecretBackend;
import dev.fidelius.operator.backend.SecretId;
import dev.fidelius.operator.backend.SecretListing;
import dev.fidelius.operator.backend.SecretRequest;
import dev.fidelius.operator.backend.SecretScope;
import dev.fidelius.operator.backend.SecretValue;
import dev.fidelius.operator.store.BackendKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Change detection with a store that announces changes: who is triggered, and how often it still
 * polls.
 */
class ChangeSweeperFeedTest {

  private static final Duration REFRESH = Duration.ofSeconds(30);
  private static final Duration SAFETY = Duration.ofMinutes(10);
  private static final Duration OPERATOR_SAFETY = Duration.ofMinutes(30);

  private final SecretId db = SecretId.of("PAYMENTS", null, "dev", "db_password");
  private final SecretId token = SecretId.of("ORDERS", null, "dev", "token");
  private final SecretScope ordersScope = SecretScope.of("ORDERS", "dev");

  private final FakeFeed feed = new FakeFeed();
  private final FeedBackend backend = new FeedBackend(feed);
  private final List<String> triggered = new ArrayList<>();
  private final ChangeSweeper<String> sweeper =
      new ChangeSweeper<>(triggered::add, k -> {}, Duration.ofMillis(1), Clock.systemUTC(), 1);

  @AfterEach
  void stop() {
    sweeper.close();
  }

  @Test
  void aChangeTriggersExactlyTheResourcesReadingItsNameOrScope() {
    sweeper.track("reads-db", registration(Set.of(db), Set.of()));
    sweeper.track("reads-token", registration(Set.of(token), Set.of()));
    sweeper.track("finds-orders", registration(Set.of(), Set.of(ordersScope)));

    feed.listener.changed(named("PAYMENTS.dev.db_password"));
    feed.listener.changed(named("ORDERS.dev.new_one"));

    assertThat(triggered).containsExactly("reads-db", "finds-orders");
    assertThat(sweeper.resourcesConcerned(TestKeys.key("s"), named("ORDERS.dev.token")))
        .containsExactlyInAnyOrder("reads-token", "finds-orders");
  }

  @Test
  void aChangeDropsWhatItConcernsFromTheSnapshotSoTheReconcileReadsItDirectly() {
    backend.versions.put(db, "1");
    backend.versions.put(token, "1");
    sweeper.track("reads-db", registration(Set.of(db, token), Set.of()));
    sweeper.sweepAllNow();
    assertThat(sweeper.snapshot(TestKeys.key("s")).orElseThrow().version(db)).contains("1");
    triggered.clear(); // the first sweep's own trigger (nothing synced yet)

    feed.listener.changed(named("PAYMENTS.dev.db_password"));

    VersionSnapshot after = sweeper.snapshot(TestKeys.key("s")).orElseThrow();
    assertThat(after.version(db)).isEmpty();
    assertThat(after.version(token)).contains("1");
    assertThat(triggered).containsExactly("reads-db");
  }

  @Test
  void theFeedGoingLiveOrStoppingIsToldWithItsBackendAndTriggersNoResource() {
    List<BackendKey> told = new ArrayList<>();
    sweeper.onFeedStateChanged(told::add);
    sweeper.track("reads-db", registration(Set.of(db), Set.of()));

    feed.listener.liveChanged(true);
    feed.listener.liveChanged(false);

    assertThat(told).containsExactly(TestKeys.key("s"), TestKeys.key("s"));
    assertThat(triggered).isEmpty();
  }

  @Test
  void aFloodOfChangesNobodyReadsTriggersNothing() {
    sweeper.track("reads-db", registration(Set.of(db), Set.of()));

    for (int i = 0; i < 10_000; i++) {
      feed.listener.changed(named("UNRELATED.dev.secret_" + i));
    }

    assertThat(triggered).isEmpty();
  }

  @Test
  void pollsEverySafetyIntervalWhileTheFeedIsLiveAndAtTheRefreshIntervalOtherwise() {
    BackendSweep<String> state = new BackendSweep<>(backend, Instant.EPOCH);
    state.interests().put("r", interest(Set.of(db), Set.of()));
    state.subscribe(new NoOpListener());
    Instant swept = Instant.parse("2026-01-01T00:00:00Z");
    state.attempted(swept);

    feed.live = true;
    assertThat(state.isDue(swept.plus(REFRESH), Duration.ofMillis(1), OPERATOR_SAFETY)).isFalse();
    assertThat(state.isDue(swept.plus(SAFETY), Duration.ofMillis(1), OPERATOR_SAFETY)).isTrue();

    feed.live = false;
    assertThat(state.isDue(swept.plus(REFRESH), Duration.ofMillis(1), OPERATOR_SAFETY)).isTrue();
  }

  @Test
  void aStoreWithoutItsOwnSafetyIntervalUsesTheOperatorsDefault() {
    feed.safety = Optional.empty();
    BackendSweep<String> state = new BackendSweep<>(backend, Instant.EPOCH);
    state.interests().put("r", interest(Set.of(db), Set.of()));
    state.subscribe(new NoOpListener());
    Instant swept = Instant.parse("2026-01-01T00:00:00Z");
    state.attempted(swept);
    feed.live = true;

    assertThat(state.isDue(swept.plus(SAFETY), Duration.ofMillis(1), OPERATOR_SAFETY)).isFalse();
    assertThat(state.isDue(swept.plus(OPERATOR_SAFETY), Duration.ofMillis(1), OPERATOR_SAFETY))
        .isTrue();
  }

  @Test
  void goingLiveOrStoppingMakesTheNextTickSweep() {
    BackendSweep<String> state = new BackendSweep<>(backend, Instant.EPOCH);
    state.interests().put("r", interest(Set.of(db), Set.of()));
    Instant now = Instant.parse("2026-01-01T00:00:00Z");
    state.attempted(now);
    assertThat(state.isDue(now, Duration.ofMillis(1), OPERATOR_SAFETY)).isFalse();

    state.sweepSoon();

    assertThat(state.isDue(now, Duration.ofMillis(1), OPERATOR_SAFETY)).isTrue();
  }

  @Test
  void theLastResourceGoneLeavesTheFeed() {
    sweeper.track("r", registration(Set.of(db), Set.of()));
    assertThat(feed.subscribers).isEqualTo(1);

    sweeper.forget("r");

    assertThat(feed.subscribers).isZero();
  }

  private Optional<Registration> registration(Set<SecretId> ids, Set<SecretScope> scopes) {
    return Optional.of(new Registration(TestKeys.key("s"), backend, interest(ids, scopes)));
  }

  private static Interest interest(Set<SecretId> ids, Set<SecretScope> scopes) {
    return new Interest(ids, scopes, REFRESH, Map.of(), Map.of());
  }

  /** A store name in the Fidelius form APP.sdlc.name, matched exactly. */
  private static ChangeNotice named(String fullName) {
    return new ChangeNotice() {
      @Override
      public boolean concerns(SecretId id) {
        return (id.scope().application() + "." + id.scope().sdlc() + "." + id.name())
            .equals(fullName);
      }

      @Override
      public boolean concerns(SecretScope scope) {
        return fullName.startsWith(scope.application() + "." + scope.sdlc() + ".");
      }
    };
  }

  private static final class NoOpListener implements ChangeFeed.ChangeListener {
    @Override
    public void changed(ChangeNotice notice) {}

    @Override
    public void liveChanged(boolean live) {}
  }

  private static final class FakeFeed implements ChangeFeed {
    volatile boolean live;
    volatile Optional<Duration> safety = Optional.of(SAFETY);
    ChangeListener listener;
    int subscribers;

    @Override
    public Subscription subscribe(ChangeListener l) {
      listener = l;
      subscribers++;
      return () -> subscribers--;
    }

    @Override
    public FeedState state() {
      return new FeedState(live, live ? null : "Down", null, null, -1);
    }

    @Override
    public Optional<Duration> safetyInterval() {
      return safety;
    }
  }

  /** A backend of versions only, with a change feed. */
  private record FeedBackend(ChangeFeed feed, Map<SecretId, String> versions)
      implements SecretBackend {
    FeedBackend(ChangeFeed feed) {
      this(feed, new java.util.concurrent.ConcurrentHashMap<>());
    }

    @Override
    public Map<SecretId, Outcome<String>> currentVersions(Collection<SecretId> ids) {
      Map<SecretId, Outcome<String>> out = new java.util.HashMap<>();
      ids.forEach(
          id -> {
            if (versions.containsKey(id)) {
              out.put(id, Outcome.ok(versions.get(id)));
            }
          });
      return out;
    }

    @Override
    public Map<SecretRequest, Outcome<SecretValue>> read(Collection<SecretRequest> requests) {
      return Map.of();
    }

    @Override
    public Outcome<List<SecretListing>> list(SecretScope scope) {
      return Outcome.ok(List.of());
    }

    @Override
    public Optional<ChangeFeed> changeFeed() {
      return Optional.of(feed);
    }
  }
}
