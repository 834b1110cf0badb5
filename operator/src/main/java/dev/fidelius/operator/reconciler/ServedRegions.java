package dev.fidelius.operator.reconciler;

import dev.fidelius.operator.api.ServedRegion;
import dev.fidelius.operator.backend.ServingRegion;
import dev.fidelius.operator.sync.SyncReport;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code servedBy} status of FideliusSecrets and stores with failover regions: the region, and
 * since when it serves. A region that keeps serving keeps its time.
 */
final class ServedRegions {

  private ServedRegions() {}

  /**
   * A FideliusSecret's: the region of its last successful sync; a failed sync keeps the region of
   * the data the Secret holds.
   */
  static ServedRegion next(ServedRegion previous, SyncReport report) {
    if (!report.ready()) {
      return previous;
    }
    return of(report.servedBy()).map(now -> keepSince(previous, now)).orElse(null);
  }

  /** A store's: where its reads go now. */
  static ServedRegion ofStore(ServedRegion previous, Optional<ServingRegion> serving) {
    return serving.flatMap(ServedRegions::of).map(now -> keepSince(previous, now)).orElse(null);
  }

  /** Whether reads moved to another region between two statuses that both name one. */
  static boolean moved(ServedRegion before, ServedRegion after) {
    return before != null
        && after != null
        && before.getRegion() != null
        && !Objects.equals(before.getRegion(), after.getRegion());
  }

  private static Optional<ServedRegion> of(ServingRegion serving) {
    return Optional.ofNullable(serving)
        .map(
            s ->
                new ServedRegion(
                    s.region(),
                    s.since().truncatedTo(ChronoUnit.SECONDS).toString(),
                    !s.primary()));
  }

  private static ServedRegion keepSince(ServedRegion previous, ServedRegion now) {
    return previous != null && Objects.equals(previous.getRegion(), now.getRegion())
        ? previous
        : now;
  }
}
