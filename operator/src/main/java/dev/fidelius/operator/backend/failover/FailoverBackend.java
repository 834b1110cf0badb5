package dev.fidelius.operator.backend.failover;

import dev.fidelius.operator.backend.ChangeFeed;
import dev.fidelius.operator.backend.ErrorKind;
import dev.fidelius.operator.backend.Outcome;
import dev.fidelius.operator.backend.SecretBackend;
import dev.fidelius.operator.backend.SecretId;
import dev.fidelius.operator.backend.SecretListing;
import dev.fidelius.operator.backend.SecretRequest;
import dev.fidelius.operator.backend.SecretScope;
import dev.fidelius.operator.backend.SecretValue;
import dev.fidelius.operator.backend.ServingRegion;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A store read in several regions: every call goes to the region {@link RegionHealth} says serves,
 * and its outcomes tell the health whether that region answered or is unwell (unreachable, 5xx,
 * throttled past the SDK's retries). When the serving region changes during a call, the call is
 * made once more in the new region, so that reads move at once. While away from the primary, one
 * change-detection call (versions or listings) per probe interval also goes to the earliest due
 * region, and its answer is used when that region takes over again.
 *
 * <p>Value reads count against a region when they fail, never for it when they succeed: a region's
 * backend serves versions it has read before from the value cache, without asking the region.
 *
 * <p>Denied, missing, invalid and corrupt answers are answers: they never move reads.
 */
public final class FailoverBackend implements SecretBackend {

  private final Map<String, SecretBackend> byRegion;
  private final RegionHealth health;

  /**
   * @param byRegion a backend for each of {@code health}'s regions
   */
  public FailoverBackend(Map<String, SecretBackend> byRegion, RegionHealth health) {
    if (!byRegion.keySet().containsAll(health.regions())) {
      throw new IllegalArgumentException("a backend is needed for every region");
    }
    this.byRegion = new LinkedHashMap<>(byRegion);
    this.health = health;
  }

  @Override
  public Map<SecretId, Outcome<String>> currentVersions(Collection<SecretId> ids) {
    return call(b -> b.currentVersions(ids), Map::values, Signals.ALL);
  }

  @Override
  public Map<SecretRequest, Outcome<SecretValue>> read(Collection<SecretRequest> requests) {
    return call(b -> b.read(requests), Map::values, Signals.FAILURES_ONLY);
  }

  @Override
  public Outcome<List<SecretListing>> list(SecretScope scope) {
    return call(b -> b.list(scope), List::of, Signals.ALL);
  }

  @Override
  public Map<SecretScope, Outcome<List<SecretListing>>> listAll(Collection<SecretScope> scopes) {
    return call(b -> b.listAll(scopes), Map::values, Signals.ALL);
  }

  @Override
  public void prefetch(Collection<SecretRequest> exactVersions) {
    byRegion.get(health.servingRegion()).prefetch(exactVersions);
  }

  /**
   * The primary region's change feed: while it is live, the primary is well and serves; while it is
   * not, change detection polls.
   */
  @Override
  public Optional<ChangeFeed> changeFeed() {
    return byRegion.get(health.regions().get(0)).changeFeed();
  }

  @Override
  public Optional<ServingRegion> serving() {
    return Optional.of(health.serving());
  }

  /** What a call's outcomes tell of its region. */
  private enum Signals {
    /** Change detection: always asks the region, so an answer is health. */
    ALL,
    /** Value reads: an answer may come from the cache, only an outage error tells. */
    FAILURES_ONLY
  }

  private <T> T call(
      Function<SecretBackend, T> call,
      Function<T, Collection<? extends Outcome<?>>> outcomes,
      Signals signals) {
    Optional<String> probe = signals == Signals.ALL ? health.probeDue() : Optional.empty();
    if (probe.isPresent()) {
      T probed = callIn(probe.get(), call, outcomes, signals);
      if (health.servingRegion().equals(probe.get())) {
        return probed;
      }
    }
    String region = health.servingRegion();
    T result = callIn(region, call, outcomes, signals);
    String now = health.servingRegion();
    return now.equals(region) ? result : callIn(now, call, outcomes, signals);
  }

  private <T> T callIn(
      String region,
      Function<SecretBackend, T> call,
      Function<T, Collection<? extends Outcome<?>>> outcomes,
      Signals signals) {
    T result = call.apply(byRegion.get(region));
    observe(region, outcomes.apply(result), signals);
    return result;
  }

  private void observe(String region, Collection<? extends Outcome<?>> outcomes, Signals signals) {
    Optional<ErrorKind> outage =
        outcomes.stream()
            .filter(o -> !o.isOk())
            .map(o -> o.error().kind())
            .filter(FailoverBackend::meansOutage)
            .findFirst();
    if (outage.isPresent()) {
      health.unwell(region, outage.get().reason());
    } else if (signals == Signals.ALL && !outcomes.isEmpty()) {
      health.answered(region);
    }
  }

  /**
   * Errors that say the region is unwell rather than answer the question. Access denied, not found,
   * integrity, decrypt and format errors are answers: another region would give the same.
   */
  static boolean meansOutage(ErrorKind kind) {
    return kind == ErrorKind.UNAVAILABLE || kind == ErrorKind.THROTTLED;
  }
}
