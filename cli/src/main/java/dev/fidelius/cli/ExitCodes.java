package dev.fidelius.cli;

import dev.fidelius.operator.backend.ErrorKind;

/** The exit codes scripts can rely on; documented in {@code fidelius --help} and the README. */
public final class ExitCodes {

  public static final int OK = 0;

  /**
   * The store or the cluster could not do it (unavailable, throttled, integrity or decrypt
   * failure).
   */
  public static final int FAILED = 1;

  /** Bad command line, bad name, missing context or configuration. */
  public static final int USAGE = 2;

  /** The secret, version, store or resource named does not exist. */
  public static final int NOT_FOUND = 3;

  /** AWS (IAM or the KMS key policy) or the Kubernetes API refused. */
  public static final int ACCESS_DENIED = 4;

  static final String HELP_TEXT =
      "Exit codes: 0 ok, 1 operation failed, 2 usage error, 3 not found, " + "4 access denied.";

  private ExitCodes() {}

  public static int of(ErrorKind kind) {
    return switch (kind) {
      case NOT_FOUND -> NOT_FOUND;
      case ACCESS_DENIED -> ACCESS_DENIED;
      case INVALID_REQUEST -> USAGE;
      default -> FAILED;
    };
  }
}
