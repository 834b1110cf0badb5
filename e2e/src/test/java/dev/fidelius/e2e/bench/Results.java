package dev.fidelius.e2e.bench;

import dev.fidelius.operator.aws.AwsCallCounter.Call;
import java.util.List;
import java.util.Map;

/** What each part of the benchmark measured. */
final class Results {

  private Results() {}

  /**
   * AWS calls per refresh cycle of one backend at one size.
   *
   * @param operatorCycles total calls of each measured operator cycle
   * @param operatorMedian calls by operation of the median operator cycle
   * @param operatorCycleSeconds length of each measured operator cycle (one sweep period)
   * @param peerCycles total calls of each cycle of the peers' strategy
   * @param peerMedian calls by operation of its median cycle
   * @param peerCycleSeconds wall time of each of its refreshes
   * @param tableBytes size of the Fidelius table as DynamoDB reported it (-1 for Secrets Manager)
   */
  record Calls(
      Backend backend,
      int n,
      int keys,
      int rotatedPerCycle,
      List<Long> operatorCycles,
      Map<Call, Long> operatorMedian,
      List<Double> operatorCycleSeconds,
      List<Long> peerCycles,
      Map<Call, Long> peerMedian,
      List<Double> peerCycleSeconds,
      long tableBytes) {}

  /**
   * Cold convergence: N FideliusSecrets applied while the operator is stopped, then the operator
   * started.
   *
   * @param rawSeconds creating N Secrets of the same size with as many client threads as reconcile
   *     threads
   * @param convergenceSeconds operator start to the last FideliusSecret Ready
   * @param awsCalls AWS calls the operator made to converge
   */
  record Convergence(
      Backend backend, int n, double rawSeconds, double convergenceSeconds, long awsCalls) {
    double ratio() {
      return rawSeconds / convergenceSeconds;
    }
  }

  /** Latency from a new version written to the Secret holding it, at random instants. */
  record Rotation(Backend backend, int n, long refreshSeconds, List<Double> latenciesMillis) {}

  /** The packaged jar's memory once it has synced N FideliusSecrets. */
  record Memory(Backend backend, int n, JvmMemory.Memory memory, double syncSeconds) {}

  /**
   * The four phases of one backend at one size (issue 14's call-count table), measured on the
   * running operator: calls by operation in each.
   *
   * @param firstSync operator start to every FideliusSecret Ready
   * @param quiet one sweep period with nothing rotated (between two sweeps' snapshots)
   * @param rotated the median cycle with 1% of the keys rotated
   * @param second FideliusSecrets applied beside those whose keys were rotated last, reading the
   *     same versions, until all are Ready
   * @param secondResources how many such FideliusSecrets
   * @param sweepDuringSecond whether a sweep ran during the second-resource window (its calls are
   *     then in it)
   */
  record Phases(
      Backend backend,
      int n,
      int keys,
      int rotatedPerCycle,
      Map<Call, Long> firstSync,
      Map<Call, Long> quiet,
      Map<Call, Long> rotated,
      Map<Call, Long> second,
      int secondResources,
      boolean sweepDuringSecond) {}
}
