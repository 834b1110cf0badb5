package dev.fidelius.operator.backend.secretsmanager;

import dev.fidelius.operator.backend.ChangeNotice;
import dev.fidelius.operator.backend.SecretId;
import dev.fidelius.operator.backend.SecretScope;
import java.util.List;
import java.util.regex.Pattern;

/**
 * An event for one secret, by name or ARN: it concerns the secret of that name, and the scopes
 * whose prefix the name has (with tag discovery, every scope: a tag change moves a secret in or out
 * of any of them). An ARN ends in the name plus {@code -} and six random characters; a name may
 * itself end that way, so both readings are tried.
 */
final class SecretsManagerChangeNotice implements ChangeNotice {

  private static final Pattern ARN_SUFFIX = Pattern.compile("-[A-Za-z0-9]{6}$");

  private final List<String> candidates;
  private final SecretsManagerNaming naming;
  private final boolean tagDiscovery;

  SecretsManagerChangeNotice(String nameOrArn, SecretsManagerNaming naming, boolean tagDiscovery) {
    this.candidates = candidates(nameOrArn);
    this.naming = naming;
    this.tagDiscovery = tagDiscovery;
  }

  static List<String> candidates(String nameOrArn) {
    int at = nameOrArn.startsWith("arn:") ? nameOrArn.indexOf(":secret:") : -1;
    if (at < 0) {
      return List.of(nameOrArn);
    }
    String rest = nameOrArn.substring(at + ":secret:".length());
    String stripped = ARN_SUFFIX.matcher(rest).replaceFirst("");
    return stripped.equals(rest) || stripped.isEmpty() ? List.of(rest) : List.of(stripped, rest);
  }

  @Override
  public boolean concerns(SecretId id) {
    return candidates.contains(naming.secretName(id));
  }

  @Override
  public boolean concerns(SecretScope scope) {
    if (tagDiscovery) {
      return true;
    }
    String prefix = naming.scopePrefix(scope);
    return candidates.stream().anyMatch(c -> c.startsWith(prefix));
  }
}
