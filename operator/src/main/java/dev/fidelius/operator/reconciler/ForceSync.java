package dev.fidelius.operator.reconciler;

import dev.fidelius.operator.api.FideliusSecret;
import dev.fidelius.operator.api.FideliusSecretStatus;
import dev.fidelius.operator.sync.SyncReport;
import io.javaoperatorsdk.operator.processing.event.source.filter.OnUpdateFilter;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code fidelius.dev/force-sync} annotation: any new value makes the next sync ask the store
 * for current versions at once instead of trusting change detection's last sweep, and the status
 * records the value honoured so that each value forces one sync only.
 *
 * <p>JOSDK's generation-aware filtering would drop annotation-only updates, so the controller runs
 * with {@link #onUpdate()} instead: a reconcile on a spec change (as before), a new force-sync
 * value, or deletion; status-only updates still trigger nothing.
 */
final class ForceSync {

  static final String ANNOTATION = "fidelius.dev/force-sync";

  /**
   * A tenant-written value is recorded in status at most this long; longer values compare by this
   * prefix.
   */
  static final int MAX_VALUE = 128;

  private ForceSync() {}

  /** The requested value (bounded), or null when the annotation is absent. */
  static String requested(FideliusSecret fsec) {
    Map<String, String> annotations = fsec.getMetadata().getAnnotations();
    String value = annotations == null ? null : annotations.get(ANNOTATION);
    return value == null || value.length() <= MAX_VALUE ? value : value.substring(0, MAX_VALUE);
  }

  /** Whether the annotation holds a value no sync has honoured yet. */
  static boolean pending(FideliusSecret fsec) {
    String requested = requested(fsec);
    FideliusSecretStatus status = fsec.getStatus();
    return requested != null
        && !requested.equals(status == null ? null : status.getForceSyncHonoured());
  }

  /**
   * The value the status records: the requested one once a sync read the store for it (a sync that
   * failed before reading, such as StoreNotReady, has not honoured it and the next one will), else
   * the previous one.
   */
  static String honoured(FideliusSecret fsec, boolean forced, SyncReport report) {
    String previous = fsec.getStatus() == null ? null : fsec.getStatus().getForceSyncHonoured();
    return forced && report.sources() != null ? requested(fsec) : previous;
  }

  /**
   * Reconcile on a spec change, a new force-sync value, or deletion; not on status or other
   * metadata updates.
   */
  static OnUpdateFilter<FideliusSecret> onUpdate() {
    return (updated, old) ->
        !Objects.equals(updated.getMetadata().getGeneration(), old.getMetadata().getGeneration())
            || !Objects.equals(requested(updated), requested(old))
            || (updated.getMetadata().getDeletionTimestamp() != null
                && old.getMetadata().getDeletionTimestamp() == null);
  }
}
