package dev.fidelius.operator.backend;

import java.util.Objects;

/** A secret and the version of it to read. */
public record SecretRequest(SecretId id, VersionSelector version) {

  public SecretRequest {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(version, "version");
  }

  public static SecretRequest latest(SecretId id) {
    return new SecretRequest(id, VersionSelector.LATEST);
  }

  @Override
  public String toString() {
    return id + " (" + version + ")";
  }
}
