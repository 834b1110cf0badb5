package dev.fidelius.operator.backend.parameterstore;

import dev.fidelius.operator.backend.ChangeNotice;
import dev.fidelius.operator.backend.SecretId;
import dev.fidelius.operator.backend.SecretScope;

/**
 * A {@code Parameter Store Change} event for one parameter, by name or ARN: it concerns a secret
 * read under that name, or read with a component that falls back to it, and a scope whose path
 * holds it. Parameter names are case-sensitive, so the comparison is exact.
 */
final class ParameterChangeNotice implements ChangeNotice {

  private static final String ARN_RESOURCE = ":parameter";

  private final String name;
  private final ParameterNaming naming;
  private final boolean componentFallback;

  ParameterChangeNotice(String nameOrArn, ParameterNaming naming, boolean componentFallback) {
    this.name = nameOf(nameOrArn);
    this.naming = naming;
    this.componentFallback = componentFallback;
  }

  /**
   * An ARN ends in {@code :parameter} and the name; a hierarchical name's leading slash is the one
   * after {@code parameter}, and a name without a slash gains one (no store names those).
   */
  static String nameOf(String nameOrArn) {
    int at = nameOrArn.startsWith("arn:") ? nameOrArn.indexOf(ARN_RESOURCE) : -1;
    return at < 0 ? nameOrArn : nameOrArn.substring(at + ARN_RESOURCE.length());
  }

  @Override
  public boolean concerns(SecretId id) {
    if (naming.parameterName(id).equals(name)) {
      return true;
    }
    return componentFallback
        && id.scope().component() != null
        && naming
            .parameterName(new SecretId(id.scope().withoutComponent(), id.name()))
            .equals(name);
  }

  @Override
  public boolean concerns(SecretScope scope) {
    return naming.shortNameIn(scope, name).isPresent()
        || componentFallback
            && scope.component() != null
            && naming.shortNameIn(scope.withoutComponent(), name).isPresent();
  }
}
