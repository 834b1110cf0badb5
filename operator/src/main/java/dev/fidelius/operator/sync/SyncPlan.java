package dev.fidelius.operator.sync;

import dev.fidelius.operator.api.DeletionPolicy;
import dev.fidelius.operator.api.RolloutRestartTarget;
import dev.fidelius.operator.api.SecretTemplate;
import dev.fidelius.operator.store.ResolvedStore;
import dev.fidelius.operator.target.TargetSpec;
import java.time.Duration;
import java.util.List;

/**
 * A FideliusSecret spec that passed every check, against the store it names: what to read, how
 * often, and what to write. Built by {@link SyncValidator} only.
 *
 * @param refresh the effective refresh interval (ZERO = sync once)
 * @param sources what to read, limited to what access admits
 * @param template the target's template, or null
 */
public record SyncPlan(
    ResolvedStore store,
    Duration refresh,
    SourcePlan sources,
    TargetSpec target,
    SecretTemplate template,
    DeletionPolicy deletion,
    List<RolloutRestartTarget> restarts) {

  public SyncPlan {
    restarts = restarts == null ? List.of() : List.copyOf(restarts);
  }
}
