package dev.fidelius.writer.fidelius;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One version of a secret as the Fidelius UI lists it: who wrote it and when. No value.
 *
 * @param version the public version id ({@code 3})
 * @param updatedBy the writer's user id or {@code RoleName/SessionName}; null on credstash items
 * @param updatedOn when it was written; null on credstash items or when unreadable
 */
public record VersionHistoryEntry(String version, String updatedBy, Instant updatedOn) {

  public VersionHistoryEntry {
    Objects.requireNonNull(version, "version");
  }

  public Optional<String> updatedByIfKnown() {
    return Optional.ofNullable(updatedBy);
  }

  public Optional<Instant> updatedOnIfKnown() {
    return Optional.ofNullable(updatedOn);
  }
}
