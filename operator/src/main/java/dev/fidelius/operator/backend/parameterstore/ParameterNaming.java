package dev.fidelius.operator.backend.parameterstore;

import dev.fidelius.operator.backend.FideliusCase;
import dev.fidelius.operator.backend.SecretId;
import dev.fidelius.operator.backend.SecretScope;
import java.util.Optional;

/**
 * Maps Fidelius coordinates to parameter names and back: {@code <prefix>/APP/component/sdlc/short}
 * (or {@code <prefix>/APP/sdlc/short}), with the Fidelius case rules (application upper-case, the
 * rest lower). Public for the command line's writer, which must name parameters exactly as the
 * operator reads them.
 */
public final class ParameterNaming {

  /** Parameter Store's limit on a full name, path included. */
  static final int MAX_NAME_LENGTH = 1011;

  /** Parameter Store allows at most fifteen levels in a name's hierarchy. */
  static final int MAX_LEVELS = 15;

  private final String prefix;

  /**
   * @param prefix empty, or a path such as {@code /fidelius} without a trailing slash
   */
  ParameterNaming(String prefix) {
    this.prefix = prefix;
  }

  /** The names of the store {@code config} describes. */
  public static ParameterNaming of(ParameterStoreConfig config) {
    return new ParameterNaming(config.prefix());
  }

  public String parameterName(SecretId id) {
    return scopePath(id.scope()) + "/" + id.name();
  }

  /**
   * The path of every parameter of the scope, without a trailing slash ({@code /fidelius/APP/dev}).
   */
  String scopePath(SecretScope scope) {
    StringBuilder path =
        new StringBuilder(prefix).append('/').append(FideliusCase.upper(scope.application()));
    scope.componentIfAny().ifPresent(c -> path.append('/').append(FideliusCase.lower(c)));
    return path.append('/').append(FideliusCase.lower(scope.sdlc())).toString();
  }

  /** The short name the parameter has in the scope, when it lies under the scope's path. */
  Optional<String> shortNameIn(SecretScope scope, String parameterName) {
    String path = scopePath(scope) + "/";
    if (!parameterName.startsWith(path) || parameterName.length() == path.length()) {
      return Optional.empty();
    }
    return Optional.of(parameterName.substring(path.length()));
  }

  /** Why the id cannot name a parameter, if it cannot; checked before any call. */
  public Optional<String> problemWith(SecretId id) {
    if (id.name().startsWith("/") || id.name().endsWith("/") || id.name().contains("//")) {
      return Optional.of(
          "the secret name " + id.name() + " must not start or end with '/' nor contain '//'");
    }
    return problemWithName(parameterName(id));
  }

  /** Why the scope's secrets cannot be parameters, if they cannot. */
  Optional<String> problemWith(SecretScope scope) {
    return problemWithName(scopePath(scope));
  }

  private static Optional<String> problemWithName(String name) {
    if (name.length() > MAX_NAME_LENGTH) {
      return Optional.of(
          "the parameter name " + name + " is longer than " + MAX_NAME_LENGTH + " characters");
    }
    if (name.chars().filter(c -> c == '/').count() > MAX_LEVELS) {
      return Optional.of("the parameter name " + name + " has more than " + MAX_LEVELS + " levels");
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (!isAllowed(c)) {
        return Optional.of(
            "the parameter name "
                + name
                + " contains '"
                + c
                + "'; parameter names allow only ASCII letters, digits and /_.-");
      }
    }
    String first = name.substring(1).toLowerCase(java.util.Locale.ROOT);
    if (first.startsWith("aws") || first.startsWith("ssm")) {
      return Optional.of(
          "the parameter name " + name + " starts with aws or ssm, which AWS reserves");
    }
    return Optional.empty();
  }

  private static boolean isAllowed(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || "/_.-".indexOf(c) >= 0;
  }
}
