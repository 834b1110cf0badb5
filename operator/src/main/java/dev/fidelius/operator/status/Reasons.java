package dev.fidelius.operator.status;

import dev.fidelius.operator.backend.BackendError;
import dev.fidelius.operator.backend.ErrorKind;
import java.util.Comparator;
import java.util.List;

/**
 * Ready-condition reasons beyond the backend's error kinds, and how to pick one among several
 * failures.
 */
public final class Reasons {

  public static final String SYNCED = "Synced";
  public static final String STORE_NOT_READY = "StoreNotReady";
  public static final String INVALID_SPEC = "InvalidSpec";
  public static final String ACCESS_DENIED = "AccessDenied";
  public static final String TARGET_CONFLICT = "TargetConflict";
  public static final String TARGET_NOT_FOUND = "TargetNotFound";
  public static final String NOT_FOUND = "NotFound";
  public static final String VALID = "Valid";

  /**
   * The sync did not finish within its time budget and was abandoned (see {@link SyncDeadline}).
   */
  public static final String SYNC_TIMEOUT = "SyncTimeout";

  /** Most actionable first: what a human must fix beats what may heal by itself. */
  private static final List<ErrorKind> PRIORITY =
      List.of(
          ErrorKind.INVALID_REQUEST,
          ErrorKind.INTEGRITY_ERROR,
          ErrorKind.ACCESS_DENIED,
          ErrorKind.DECRYPT_FAILED,
          ErrorKind.MALFORMED,
          ErrorKind.UNSUPPORTED,
          ErrorKind.NOT_FOUND,
          ErrorKind.REPLICA_BEHIND,
          ErrorKind.THROTTLED,
          ErrorKind.UNAVAILABLE);

  private Reasons() {}

  /** The failure a status should lead with. */
  public static BackendError headline(List<BackendError> failures) {
    return failures.stream()
        .min(Comparator.comparingInt(f -> PRIORITY.indexOf(f.kind())))
        .orElseThrow();
  }

  /** One message for all failures: the headline's, plus how many more there are. */
  public static String summarize(List<BackendError> failures) {
    BackendError head = headline(failures);
    int more = failures.size() - 1;
    return more == 0
        ? head.message()
        : head.message() + " (and " + more + " more failure" + (more == 1 ? "" : "s") + ")";
  }
}
