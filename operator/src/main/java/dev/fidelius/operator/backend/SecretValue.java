package dev.fidelius.operator.backend;

import dev.fidelius.operator.memory.SharedStrings;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * A fetched secret value and where it came from. The value bytes never appear in {@link
 * #toString()}, so a value that reaches a log line by accident shows as redacted.
 *
 * @param resolvedName the backend's own name of the item read (for the Fidelius store the full
 *     name, which differs from the requested one after a component fallback; for Secrets Manager
 *     the secret name)
 * @param version the backend's version id: a Fidelius version number without padding, or a Secrets
 *     Manager version id
 * @param binary true when the backend stored bytes rather than text (Secrets Manager SecretBinary)
 * @param updatedOn when the store says this version was written (Fidelius {@code updatedOn},
 *     Secrets Manager the version's creation date), or null
 * @param updatedBy who the store says wrote this version (Fidelius {@code updatedBy}), or null
 *     where the store does not record it; metadata for the audit view, never a value
 */
public final class SecretValue {

  private final String resolvedName;
  private final String version;
  private final byte[] bytes;
  private final boolean binary;
  private final Instant updatedOn;
  private final String updatedBy;

  public SecretValue(
      String resolvedName, String version, byte[] bytes, boolean binary, Instant updatedOn) {
    this(resolvedName, version, bytes, binary, updatedOn, null);
  }

  public SecretValue(
      String resolvedName,
      String version,
      byte[] bytes,
      boolean binary,
      Instant updatedOn,
      String updatedBy) {
    // The names and version, never the value, are shared with the caches and status that hold
    // them too (see SharedStrings).
    this.resolvedName = SharedStrings.of(Objects.requireNonNull(resolvedName, "resolvedName"));
    this.version = SharedStrings.of(Objects.requireNonNull(version, "version"));
    this.bytes = Objects.requireNonNull(bytes, "bytes").clone();
    this.binary = binary;
    this.updatedOn = updatedOn;
    this.updatedBy = SharedStrings.of(updatedBy);
  }

  public static SecretValue text(
      String resolvedName, String version, String value, Instant updatedOn) {
    return new SecretValue(
        resolvedName, version, value.getBytes(StandardCharsets.UTF_8), false, updatedOn);
  }

  public String resolvedName() {
    return resolvedName;
  }

  public String version() {
    return version;
  }

  /** A copy of the value's bytes. */
  public byte[] bytes() {
    return bytes.clone();
  }

  public int size() {
    return bytes.length;
  }

  public boolean binary() {
    return binary;
  }

  public Optional<Instant> updatedOn() {
    return Optional.ofNullable(updatedOn);
  }

  public Optional<String> updatedBy() {
    return Optional.ofNullable(updatedBy);
  }

  /** The value as UTF-8 text, or empty when it is binary or not valid UTF-8. */
  public Optional<String> text() {
    if (binary) {
      return Optional.empty();
    }
    return StrictUtf8.decode(bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SecretValue other
        && resolvedName.equals(other.resolvedName)
        && version.equals(other.version)
        && binary == other.binary
        && Arrays.equals(bytes, other.bytes)
        && Objects.equals(updatedOn, other.updatedOn)
        && Objects.equals(updatedBy, other.updatedBy);
  }

  @Override
  public int hashCode() {
    return Objects.hash(resolvedName, version);
  }

  @Override
  public String toString() {
    return "SecretValue["
        + resolvedName
        + " v"
        + version
        + ", "
        + bytes.length
        + " bytes, <redacted>]";
  }
}
