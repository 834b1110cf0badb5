package dev.fidelius.operator.target;

import dev.fidelius.operator.api.RolloutRestartTarget;
import java.util.List;

/** Restarts workloads whose pods read a Secret only at start, once per data change. */
public interface WorkloadRestarter {

  /** Outcome per target: restarted, already restarted for this hash, or a problem (missing workload). */
  record Result(List<String> restarted, List<String> skipped, List<String> problems) {}

  Result restart(String namespace, String fideliusSecret, List<RolloutRestartTarget> targets, String dataHash);
}
