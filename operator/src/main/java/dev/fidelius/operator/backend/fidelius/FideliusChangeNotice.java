package dev.fidelius.operator.backend.fidelius;

import dev.fidelius.operator.backend.ChangeNotice;
import dev.fidelius.operator.backend.SecretId;
import dev.fidelius.operator.backend.SecretScope;

/**
 * A record of the table's stream for one item name: it concerns a secret read under that name, or
 * read with a component that falls back to that name, and a scope whose listing that name belongs
 * to (with or without the scope's component, as a fallback listing would be).
 */
final class FideliusChangeNotice implements ChangeNotice {

  private final String fullName;
  private final FideliusNames names;
  private final boolean componentFallback;

  FideliusChangeNotice(String fullName, FideliusNames names, boolean componentFallback) {
    this.fullName = fullName;
    this.names = names;
    this.componentFallback = componentFallback;
  }

  @Override
  public boolean concerns(SecretId id) {
    if (FideliusNames.isMetadataName(fullName)) {
      return false;
    }
    if (names.nameOf(id.scope(), id.name()).fullName().equals(fullName)) {
      return true;
    }
    return componentFallback
        && id.scope().component() != null
        && names.nameOf(id.scope().withoutComponent(), id.name()).fullName().equals(fullName);
  }

  @Override
  public boolean concerns(SecretScope scope) {
    if (FideliusNames.isMetadataName(fullName)) {
      return false;
    }
    return fullName.startsWith(names.prefixOf(scope))
        || scope.component() != null
            && fullName.startsWith(names.prefixOf(scope.withoutComponent()));
  }
}
