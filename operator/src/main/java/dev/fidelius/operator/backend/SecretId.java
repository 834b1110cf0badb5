package dev.fidelius.operator.backend;

import dev.fidelius.operator.memory.SharedStrings;
import java.util.Objects;

/**
 * One secret of a scope, by its short name (for example {@code database_password}). The short name
 * may contain dots but no whitespace. This identifies the secret across all its versions.
 */
public record SecretId(SecretScope scope, String name) {

  public SecretId {
    Objects.requireNonNull(scope, "scope is required");
    Objects.requireNonNull(name, "name is required");
    if (name.isEmpty()) {
      throw new IllegalArgumentException("secret name must not be empty");
    }
    for (int i = 0; i < name.length(); i++) {
      if (Character.isWhitespace(name.charAt(i))) {
        throw new IllegalArgumentException(
            "secret name must not contain whitespace: '" + name + "'");
      }
    }
    name = SharedStrings.of(name); // held by every resource reading it: see SharedStrings
  }

  public static SecretId of(String application, String component, String sdlc, String name) {
    return new SecretId(new SecretScope(application, component, sdlc), name);
  }

  @Override
  public String toString() {
    return scope + "/" + name;
  }
}
