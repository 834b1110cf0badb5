package dev.fidelius.operator.reconciler;

/**
 * Thrown on the worker of an abandoned sync when it reaches the write: the Secret stays as it was.
 */
final class AbandonedSyncException extends RuntimeException {

  AbandonedSyncException() {
    super("sync abandoned at its deadline; not writing", null, false, false);
  }
}
