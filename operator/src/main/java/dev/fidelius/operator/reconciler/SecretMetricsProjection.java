package dev.fidelius.operator.reconciler;

import dev.fidelius.operator.api.FideliusSecret;
import dev.fidelius.operator.api.FideliusSecretStatus;
import dev.fidelius.operator.metrics.SecretState;
import dev.fidelius.operator.status.ReadyCondition;
import dev.fidelius.operator.sync.SyncReport;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** What the per-FideliusSecret metrics show after a reconcile, from its next status and report. */
final class SecretMetricsProjection {

  private SecretMetricsProjection() {}

  static SecretState of(FideliusSecret fsec, FideliusSecretStatus next, SyncReport report) {
    var ready = ReadyCondition.find(next.getConditions());
    return new SecretState(
        fsec.getMetadata().getNamespace(),
        fsec.getMetadata().getName(),
        ready.map(c -> c.getStatus()).orElse("Unknown"),
        ready.map(c -> c.getReason()).orElse(""),
        parse(next.getLastRefreshTime()),
        report.refreshInterval());
  }

  private static Instant parse(String stamp) {
    if (stamp == null) {
      return null;
    }
    try {
      return Instant.parse(stamp);
    } catch (DateTimeParseException e) {
      return null; // a status edited by hand: no sync time rather than a wrong one
    }
  }
}
