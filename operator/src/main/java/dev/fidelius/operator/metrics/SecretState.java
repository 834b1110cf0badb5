package dev.fidelius.operator.metrics;

import dev.fidelius.operator.memory.SharedStrings;
import java.time.Duration;
import java.time.Instant;

/**
 * What metrics export of one FideliusSecret after a reconcile: its Ready condition and when it last
 * synced. Only the namespace and name identify it (Kubernetes names, bounded); the reason is one of
 * the operator's own condition reasons, never text a tenant wrote.
 *
 * @param ready the Ready condition's status: True, False or Unknown
 * @param lastSync the last successful sync, or null if none is known
 * @param refreshInterval the effective refresh interval (ZERO = sync once), or null if unknown; a
 *     failed sync's is kept only until a successful one says
 */
public record SecretState(
    String namespace,
    String name,
    String ready,
    String reason,
    Instant lastSync,
    Duration refreshInterval) {

  public SecretState {
    namespace = SharedStrings.of(namespace); // one record per FideliusSecret, for its life
    name = SharedStrings.of(name);
    ready = SharedStrings.of(ready);
    reason = SharedStrings.of(reason);
  }
}
