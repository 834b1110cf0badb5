package dev.fidelius.operator.sync;

import java.time.Duration;

/** What {@link SyncValidator} decided: a plan to run, or why there is none. */
public sealed interface Validation {

  /** The spec and store are usable as they are. */
  record Valid(SyncPlan plan) implements Validation {}

  /**
   * Not usable; nothing is read or written.
   *
   * @param reason the Ready condition's reason
   * @param transientFailure whether retrying may help without the spec changing (a store or rule
   *     that may appear, a ServiceAccount applied later)
   * @param refresh when to look again (the effective interval when known, else the operator
   *     default)
   */
  record Invalid(String reason, String message, boolean transientFailure, Duration refresh)
      implements Validation {}
}
