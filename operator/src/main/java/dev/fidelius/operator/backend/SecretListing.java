package dev.fidelius.operator.backend;

import java.util.Objects;

/**
 * One secret found by listing a scope, with its current version: what {@code dataFrom} expands to
 * and what change detection compares.
 *
 * @param resolvedName the backend's own name of the secret
 */
public record SecretListing(SecretId id, String resolvedName, String currentVersion) {

  public SecretListing {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(resolvedName, "resolvedName");
    Objects.requireNonNull(currentVersion, "currentVersion");
  }
}
