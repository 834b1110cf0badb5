package dev.fidelius.operator.backend.parameterstore;

import java.time.Instant;
import java.util.Objects;

/**
 * One version of a parameter as metadata: its name, version number and when that version was
 * written. A parameter deleted and created again starts over at version 1, so the number alone does
 * not identify a value; the number with its write time does.
 */
record ListedParameter(String name, long version, Instant lastModified) {

  ListedParameter {
    Objects.requireNonNull(name, "name");
    lastModified = lastModified == null ? Instant.EPOCH : lastModified;
  }

  /** The value cache's version key: number and write time. */
  String cacheVersion() {
    return version + "@" + lastModified.toEpochMilli();
  }
}
