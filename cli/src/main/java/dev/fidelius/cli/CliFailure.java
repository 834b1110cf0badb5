package dev.fidelius.cli;

import dev.fidelius.operator.backend.BackendError;

/**
 * A command that cannot go on: printed as one line on stderr (never with a stack trace, never with
 * a value) and turned into an exit code.
 */
public final class CliFailure extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int exitCode;

  public CliFailure(int exitCode, String message) {
    super(message, null, false, false);
    this.exitCode = exitCode;
  }

  public static CliFailure of(BackendError error) {
    return new CliFailure(ExitCodes.of(error.kind()), error.message());
  }

  public static CliFailure usage(String message) {
    return new CliFailure(ExitCodes.USAGE, message);
  }

  public static CliFailure notFound(String message) {
    return new CliFailure(ExitCodes.NOT_FOUND, message);
  }

  public int exitCode() {
    return exitCode;
  }
}
