package dev.fidelius.e2e.bench;

import dev.fidelius.operator.aws.AwsCallCounter.Call;
import java.util.List;
import java.util.Map;

/** What the change-event runs (issue 15) measured. */
final class EventResults {

  private EventResults() {}

  /**
   * Rotation latency with change events on and refreshInterval 1h.
   *
   * @param coldStartSeconds operator start to all N Ready (with the event source starting)
   * @param latenciesMillis from each write's return to the Secret holding the new value
   * @param missed rotations not in their Secret when the wait ended
   * @param calls the operator's AWS calls while the rotations were written and synced
   */
  record Latency(
      Backend backend,
      int n,
      long windowSeconds,
      double coldStartSeconds,
      List<Double> latenciesMillis,
      int missed,
      Map<Call, Long> calls) {}

  /**
   * AWS calls in an idle window with events live.
   *
   * @param sweeps safety sweeps seen in the window
   */
  record Idle(
      Backend backend,
      int n,
      long safetySeconds,
      double windowSeconds,
      Map<Call, Long> calls,
      int sweeps) {}

  /**
   * Rotations while the event source is out (queue deleted, stream disabled).
   *
   * @param outage what was done to the event source
   * @param noticedSeconds from the outage to the operator's feed reporting not live (-1: never
   *     within the run)
   */
  record Outage(
      Backend backend,
      int n,
      long refreshSeconds,
      String outage,
      double noticedSeconds,
      List<Double> latenciesMillis,
      int missed) {}
}
