package dev.fidelius.cli.store;

import dev.fidelius.cli.CliFailure;
import dev.fidelius.operator.backend.SecretId;
import dev.fidelius.operator.backend.SecretScope;
import picocli.CommandLine.Option;

/**
 * Application and component: with an SDLC ({@link SdlcOption}, or a command's own SDLC options),
 * the scope a secret's short name lives in.
 */
public final class ScopeOptions {

  @Option(
      names = {"-a", "--app"},
      paramLabel = "APP",
      required = true,
      description = "Application.")
  String application;

  @Option(
      names = {"-c", "--component"},
      paramLabel = "COMPONENT",
      description = "Component (optional).")
  String component;

  /** The scope in the given SDLC. */
  public SecretScope in(String sdlcName) {
    try {
      return new SecretScope(application, component, sdlcName);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw CliFailure.usage(e.getMessage());
    }
  }

  /** A short name may hold dots (Fidelius allows them), never whitespace. */
  public static SecretId idIn(SecretScope scope, String shortName) {
    if (shortName == null
        || shortName.isEmpty()
        || shortName.chars().anyMatch(Character::isWhitespace)) {
      throw CliFailure.usage(
          "secret name '" + shortName + "' must be non-empty and hold no whitespace");
    }
    try {
      return new SecretId(scope, shortName);
    } catch (IllegalArgumentException e) {
      throw CliFailure.usage(e.getMessage());
    }
  }
}
