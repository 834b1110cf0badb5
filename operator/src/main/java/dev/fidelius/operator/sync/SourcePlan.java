package dev.fidelius.operator.sync;

import dev.fidelius.operator.access.NameRegex;
import dev.fidelius.operator.backend.SecretId;
import dev.fidelius.operator.backend.SecretRequest;
import dev.fidelius.operator.backend.SecretScope;
import dev.fidelius.operator.backend.VersionSelector;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What a FideliusSecret reads, resolved from its spec: single secrets into keys ({@code data}),
 * JSON secrets expanded into keys ({@code dataFrom.extract}) and whole scopes ({@code
 * dataFrom.find}).
 */
public record SourcePlan(
    SecretScope scope, List<Item> items, List<Extract> extracts, List<Find> finds) {

  public SourcePlan {
    items = List.copyOf(items);
    extracts = List.copyOf(extracts);
    finds = List.copyOf(finds);
  }

  /** One secret into one key; {@code property} takes one field of a JSON secret. */
  public record Item(String key, SecretRequest request, String property) {}

  /** One JSON secret whose top-level properties become keys. */
  public record Extract(SecretRequest request, String keyPrefix) {}

  /**
   * Every secret of the scope whose short name matches the regex and is {@code readable}.
   *
   * @param readable which listed names this FideliusSecret may read at all (access decides, not the
   *     spec)
   */
  public record Find(
      SecretScope scope, NameRegex nameRegex, String keyPrefix, Predicate<String> readable) {

    public Find(SecretScope scope, NameRegex nameRegex, String keyPrefix) {
      this(scope, nameRegex, keyPrefix, shortName -> true);
    }

    public boolean matches(String shortName) {
      return readable.test(shortName) && (nameRegex == null || nameRegex.matches(shortName));
    }
  }

  /**
   * The same plan, its finds taking only the listed names that {@code readable} accepts in their
   * scope.
   */
  public SourcePlan limitFinds(java.util.function.BiPredicate<SecretScope, String> readable) {
    List<Find> limited =
        finds.stream()
            .map(
                f ->
                    new Find(
                        f.scope(),
                        f.nameRegex(),
                        f.keyPrefix(),
                        name -> f.readable().test(name) && readable.test(f.scope(), name)))
            .toList();
    return new SourcePlan(scope, items, extracts, limited);
  }

  /** Secrets read at their latest version: what change detection watches. */
  public Set<SecretId> latestIds() {
    Set<SecretId> ids = new LinkedHashSet<>();
    items.stream()
        .map(Item::request)
        .filter(r -> r.version() instanceof VersionSelector.Latest)
        .forEach(r -> ids.add(r.id()));
    extracts.stream()
        .map(Extract::request)
        .filter(r -> r.version() instanceof VersionSelector.Latest)
        .forEach(r -> ids.add(r.id()));
    return ids;
  }

  public Set<SecretScope> findScopes() {
    Set<SecretScope> scopes = new LinkedHashSet<>();
    finds.forEach(f -> scopes.add(f.scope()));
    return scopes;
  }
}
