package dev.fidelius.operator.backend;

import java.util.Objects;

/**
 * A typed, sanitized failure. The message is written for a FideliusSecret's status: it names the
 * secret and the cause, and never holds a secret value, a KMS data key (plaintext or ciphertext) or
 * an AWS request id.
 */
public record BackendError(ErrorKind kind, String message) {

  public BackendError {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(message, "message");
  }

  public static BackendError of(ErrorKind kind, String message) {
    return new BackendError(kind, message);
  }

  @Override
  public String toString() {
    return kind.reason() + ": " + message;
  }
}
