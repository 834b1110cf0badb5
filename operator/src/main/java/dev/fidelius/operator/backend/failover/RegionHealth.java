package dev.fidelius.operator.backend.failover;

import dev.fidelius.operator.backend.ServingRegion;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Which region of a store serves reads: the primary (first) region while it answers, the next one
 * that answers after the serving region has failed with outage errors for {@link
 * FailoverPolicy#after()} with no answer in between, and back to an earlier region once a probe of
 * it is answered. Any answer counts as health (a secret found, not found, access denied): only
 * errors that mean the region is unwell, which the caller decides, count against it. No two
 * switches come closer than {@link FailoverPolicy#minSwitchInterval()}, whatever the regions do.
 *
 * <p>Thread-safe: every backend of the store (one per identity) reports here.
 */
public final class RegionHealth {

  private final List<String> regions;
  private final FailoverPolicy policy;
  private final Clock clock;
  private final Consumer<RegionSwitch> onSwitch;
  private final Instant[] failingSince;
  private final Instant[] lastProbe;
  private final String[] lastOutage;
  private int serving;
  private Instant servingSince;
  private Instant lastSwitch;

  /**
   * @param regions the primary region first, then the failover regions in order
   * @param onSwitch told of each switch, outside of this object's lock
   */
  public RegionHealth(
      List<String> regions, FailoverPolicy policy, Clock clock, Consumer<RegionSwitch> onSwitch) {
    if (regions.isEmpty()) {
      throw new IllegalArgumentException("at least the primary region is needed");
    }
    this.regions = List.copyOf(regions);
    this.policy = policy;
    this.clock = clock;
    this.onSwitch = onSwitch;
    this.failingSince = new Instant[regions.size()];
    this.lastProbe = new Instant[regions.size()];
    this.lastOutage = new String[regions.size()];
    this.servingSince = clock.instant();
  }

  public List<String> regions() {
    return regions;
  }

  public synchronized String servingRegion() {
    return regions.get(serving);
  }

  public synchronized ServingRegion serving() {
    return new ServingRegion(regions.get(serving), servingSince, serving == 0);
  }

  /**
   * A region before the serving one that is due for a probe (the earliest first), marked as probed
   * now; empty while the primary serves or no probe is due.
   */
  public synchronized Optional<String> probeDue() {
    Instant now = clock.instant();
    for (int i = 0; i < serving; i++) {
      if (lastProbe[i] == null || !now.isBefore(lastProbe[i].plus(policy.probeInterval()))) {
        lastProbe[i] = now;
        return Optional.of(regions.get(i));
      }
    }
    return Optional.empty();
  }

  /**
   * The region answered (with data or with an error that is an answer). An earlier region than the
   * serving one takes over again, when the pace allows.
   */
  public void answered(String region) {
    Optional<RegionSwitch> change;
    synchronized (this) {
      int i = indexOf(region);
      if (i < 0) {
        return;
      }
      failingSince[i] = null;
      change =
          i < serving && paceAllows(clock.instant())
              ? Optional.of(switchTo(i, region + " answers again"))
              : Optional.empty();
    }
    change.ifPresent(onSwitch);
  }

  /**
   * The region failed with an error meaning it is unwell. Once the serving region has failed for
   * {@code after} with no answer in between, reads move to the first other region not known to be
   * failing, when the pace allows.
   *
   * @param outage what failed, for the switch's Event (never a value)
   */
  public void unwell(String region, String outage) {
    Optional<RegionSwitch> change = Optional.empty();
    synchronized (this) {
      int i = indexOf(region);
      if (i < 0) {
        return;
      }
      Instant now = clock.instant();
      if (failingSince[i] == null) {
        failingSince[i] = now;
      }
      lastOutage[i] = outage;
      if (i == serving && !now.isBefore(failingSince[i].plus(policy.after())) && paceAllows(now)) {
        Optional<Integer> next = nextAnswering();
        if (next.isPresent()) {
          Duration failing = Duration.between(failingSince[i], now);
          change =
              Optional.of(
                  switchTo(
                      next.get(),
                      region
                          + " failed for "
                          + failing.toSeconds()
                          + "s with outage errors (last: "
                          + outage
                          + ")"));
        }
      }
    }
    change.ifPresent(onSwitch);
  }

  private Optional<Integer> nextAnswering() {
    for (int i = 0; i < regions.size(); i++) {
      if (i != serving && failingSince[i] == null) {
        return Optional.of(i);
      }
    }
    return Optional.empty();
  }

  private boolean paceAllows(Instant now) {
    return lastSwitch == null || !now.isBefore(lastSwitch.plus(policy.minSwitchInterval()));
  }

  private RegionSwitch switchTo(int next, String why) {
    Instant now = clock.instant();
    String from = regions.get(serving);
    // A region just left is probed first a full interval later, not at once.
    lastProbe[serving] = now;
    serving = next;
    servingSince = now;
    lastSwitch = now;
    return new RegionSwitch(from, regions.get(next), now, next == 0, why);
  }

  private int indexOf(String region) {
    return regions.indexOf(region);
  }
}
