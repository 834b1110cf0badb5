package dev.fidelius.operator.backend.fidelius;

import dev.fidelius.operator.backend.Outcome;
import dev.fidelius.operator.backend.SecretId;
import dev.fidelius.operator.backend.SecretListing;
import dev.fidelius.operator.backend.SecretScope;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every secret of a scope with its current version, from one paginated projection scan of the names
 * that start with the scope's prefix (one scan for any number of scopes) (the table has no index by
 * scope).
 *
 * <p>A prefix alone is ambiguous because the component comes before the SDLC: {@code APP.dev.} is
 * the prefix of application APP, SDLC dev, but also of component {@code dev} of APP in any SDLC
 * ({@code APP.dev.prod.x}). The {@code sdlc} and {@code component} attributes Fidelius writes
 * settle it: an item belongs to the scope unless an attribute it carries contradicts the scope.
 * credstash items carry neither and are taken by name, as credstash itself knows no components.
 */
final class ScopeLister {

  private static final Logger LOG = LoggerFactory.getLogger(ScopeLister.class);

  private final FideliusTable table;
  private final FideliusNames names;

  ScopeLister(FideliusTable table, FideliusNames names) {
    this.table = table;
    this.names = names;
  }

  Outcome<List<SecretListing>> list(SecretScope scope) {
    return listAll(List.of(scope)).get(scope);
  }

  /** Every scope from one projection scan of the names that start with any of their prefixes. */
  Map<SecretScope, Outcome<List<SecretListing>>> listAll(Collection<SecretScope> scopes) {
    Set<String> prefixes = new LinkedHashSet<>();
    scopes.forEach(scope -> prefixes.add(names.prefixOf(scope)));
    Outcome<Map<String, VersionRow>> rows =
        CallGuard.run(
            "Scan of table " + table.name() + " for the secrets of " + scopes.size() + " scope(s)",
            () -> Outcome.ok(table.newestVersionsByName(prefixes)));
    Map<SecretScope, Outcome<List<SecretListing>>> listed = new LinkedHashMap<>();
    for (SecretScope scope : scopes) {
      listed.put(
          scope,
          rows.isOk()
              ? Outcome.ok(of(scope, rows.value().values()))
              : Outcome.failed(rows.error()));
    }
    return listed;
  }

  private List<SecretListing> of(SecretScope scope, Collection<VersionRow> rows) {
    String prefix = names.prefixOf(scope);
    String sdlc = FideliusNames.lowerAscii(scope.sdlc());
    String component = scope.componentIfAny().map(FideliusNames::lowerAscii).orElse(null);

    List<SecretListing> listings = new ArrayList<>();
    for (VersionRow row : rows) {
      if (!row.fullName().startsWith(prefix)
          || FideliusNames.isMetadataName(row.fullName())
          || !belongsTo(row, sdlc, component)) {
        continue;
      }
      listing(scope, prefix, row).ifPresent(listings::add);
    }
    listings.sort(Comparator.comparing(listing -> listing.id().name()));
    return List.copyOf(listings);
  }

  private static boolean belongsTo(VersionRow row, String sdlc, String component) {
    String itemSdlc = normalized(row.sdlc());
    String itemComponent = normalized(row.component());
    return (itemSdlc == null || itemSdlc.equals(sdlc))
        && (itemComponent == null || itemComponent.equals(component));
  }

  private static Optional<SecretListing> listing(SecretScope scope, String prefix, VersionRow row) {
    Optional<FideliusVersion> version = FideliusVersion.fromPadded(row.version());
    String shortName = row.fullName().substring(prefix.length());
    try {
      if (version.isEmpty()) {
        throw new IllegalArgumentException(
            "version '" + row.version() + "' is not a 19-digit version number");
      }
      return Optional.of(
          new SecretListing(new SecretId(scope, shortName), row.fullName(), version.get().id()));
    } catch (IllegalArgumentException unaddressable) {
      // An empty short name, whitespace in it, or an odd version: no FideliusSecret could name it
      // anyway.
      LOG.debug(
          "Skipping {} while listing {}: {}", row.fullName(), scope, unaddressable.getMessage());
      return Optional.empty();
    }
  }

  private static String normalized(String attribute) {
    return attribute == null || attribute.isEmpty() ? null : FideliusNames.lowerAscii(attribute);
  }
}
