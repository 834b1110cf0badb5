package dev.fidelius.operator.backend;

import java.util.Objects;
import java.util.function.Function;

/**
 * The result of one backend operation: a value or a typed error. Backends return outcomes instead
 * of throwing, so that one bad secret never aborts a batch and no exception escapes into a poller.
 */
public sealed interface Outcome<T> {

  static <T> Outcome<T> ok(T value) {
    return new Ok<>(value);
  }

  static <T> Outcome<T> failed(BackendError error) {
    return new Failed<>(error);
  }

  static <T> Outcome<T> failed(ErrorKind kind, String message) {
    return new Failed<>(BackendError.of(kind, message));
  }

  boolean isOk();

  /** The value; throws IllegalStateException on a failed outcome. */
  T value();

  /** The error; throws IllegalStateException on a successful outcome. */
  BackendError error();

  <R> Outcome<R> map(Function<? super T, ? extends R> mapper);

  record Ok<T>(T value) implements Outcome<T> {
    public Ok {
      Objects.requireNonNull(value, "value");
    }

    @Override
    public boolean isOk() {
      return true;
    }

    @Override
    public BackendError error() {
      throw new IllegalStateException("outcome is not a failure");
    }

    @Override
    public <R> Outcome<R> map(Function<? super T, ? extends R> mapper) {
      return new Ok<>(mapper.apply(value));
    }
  }

  record Failed<T>(BackendError error) implements Outcome<T> {
    public Failed {
      Objects.requireNonNull(error, "error");
    }

    @Override
    public boolean isOk() {
      return false;
    }

    @Override
    public T value() {
      throw new IllegalStateException("outcome failed: " + error);
    }

    @Override
    public <R> Outcome<R> map(Function<? super T, ? extends R> mapper) {
      return new Failed<>(error);
    }
  }
}
