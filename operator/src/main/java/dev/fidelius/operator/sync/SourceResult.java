package dev.fidelius.operator.sync;

import dev.fidelius.operator.backend.BackendError;
import dev.fidelius.operator.backend.SecretValue;
import java.time.Instant;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What one source of a FideliusSecret gave in one collection: the version read and the store's
 * record of who wrote it and when, or the failure of that source alone. Metadata only: never a
 * value.
 *
 * @param from which part of the spec reads the source: {@code data}, {@code dataFrom.extract} or
 *     {@code dataFrom.find}
 * @param name the secret's short name (for a failed listing: the scope)
 * @param keys the Secret keys the source produced (empty when it failed)
 * @param version the version read, or null when the source failed
 * @param error null when the source was read
 */
public record SourceResult(
    String from,
    String name,
    SortedSet<String> keys,
    String version,
    Instant updatedOn,
    String updatedBy,
    BackendError error) {

  public static final String DATA = "data";
  public static final String EXTRACT = "dataFrom.extract";
  public static final String FIND = "dataFrom.find";

  public SourceResult {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(name, "name");
    keys = new TreeSet<>(keys);
  }

  static SourceResult read(String from, String name, SortedSet<String> keys, SecretValue value) {
    return new SourceResult(
        from,
        name,
        keys,
        value.version(),
        value.updatedOn().orElse(null),
        value.updatedBy().orElse(null),
        null);
  }

  static SourceResult failed(String from, String name, SortedSet<String> keys, BackendError error) {
    return new SourceResult(
        from, name, keys, null, null, null, Objects.requireNonNull(error, "error"));
  }

  public boolean ok() {
    return error == null;
  }
}
