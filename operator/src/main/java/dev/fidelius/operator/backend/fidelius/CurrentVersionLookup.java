package dev.fidelius.operator.backend.fidelius;

import dev.fidelius.operator.backend.BackendError;
import dev.fidelius.operator.backend.ErrorKind;
import dev.fidelius.operator.backend.Outcome;
import dev.fidelius.operator.backend.SecretId;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Change detection: the current version of many secrets without reading a value or calling KMS.
 * Either one version-only Query per name or one projection Scan for all, whichever the planner
 * expects to be fewer calls. The component fallback applies as it does for reads, so the version
 * reported is the version a read would return.
 */
final class CurrentVersionLookup {

  private static final Logger LOG = LoggerFactory.getLogger(CurrentVersionLookup.class);

  private final FideliusTable table;
  private final FideliusNames names;
  private final ComponentFallback fallback;
  private final VersionLookupPlanner planner;

  CurrentVersionLookup(
      FideliusTable table,
      FideliusNames names,
      ComponentFallback fallback,
      VersionLookupPlanner planner) {
    this.table = table;
    this.names = names;
    this.fallback = fallback;
    this.planner = planner;
  }

  /**
   * @param ids distinct secrets, none in a metadata scope
   */
  Map<SecretId, Outcome<String>> currentVersions(List<SecretId> ids) {
    OptionalLong budget = planner.scanBudget(ids.size());
    if (budget.isPresent()) {
      Optional<Map<SecretId, Outcome<String>>> scanned = byScan(ids, budget.getAsLong());
      if (scanned.isPresent()) {
        return scanned.get();
      }
    }
    Map<SecretId, Outcome<String>> versions = new LinkedHashMap<>();
    for (SecretId id : ids) {
      versions.put(
          id, fallback.lookup(id.scope(), scope -> byQuery(names.nameOf(scope, id.name()))));
    }
    return versions;
  }

  /**
   * Empty when the scan was refused or stopped at its budget (the table takes more pages than the
   * names take Queries), so the caller falls back to queries.
   */
  private Optional<Map<SecretId, Outcome<String>>> byScan(List<SecretId> ids, long maxPages) {
    LinkedHashSet<String> applicationPrefixes = new LinkedHashSet<>();
    ids.forEach(id -> applicationPrefixes.add(names.applicationPrefixOf(id.scope())));
    Outcome<VersionScan> scan =
        CallGuard.run(
            "Scan of table " + table.name(),
            () -> Outcome.ok(table.newestVersionsByName(applicationPrefixes, maxPages)));
    if (scan.isOk()) {
      planner.scanned(scan.value());
      if (!scan.value().complete()) {
        LOG.info(
            "Scan of table {} stopped after {} pages: querying the {} names costs fewer calls",
            table.name(),
            scan.value().pages(),
            ids.size());
        return Optional.empty();
      }
    }

    if (!scan.isOk() && scan.error().kind() == ErrorKind.ACCESS_DENIED) {
      LOG.info(
          "Scans of table {} are refused, checking versions with one Query per name for a while: {}",
          table.name(),
          scan.error());
      planner.scanRefused();
      return Optional.empty();
    }
    Map<SecretId, Outcome<String>> versions = new LinkedHashMap<>();
    for (SecretId id : ids) {
      versions.put(
          id,
          fallback.lookup(
              id.scope(),
              scope -> {
                FideliusName name = names.nameOf(scope, id.name());
                if (!scan.isOk()) {
                  return Outcome.failed(
                      BackendError.of(
                          scan.error().kind(),
                          "current version of " + name + ": " + scan.error().message()));
                }
                VersionRow row = scan.value().rows().get(name.fullName());
                return row == null ? notFound(name) : publicId(name, row.version());
              }));
    }
    return Optional.of(versions);
  }

  private Outcome<String> byQuery(FideliusName name) {
    return CallGuard.run(
        "Query for the current version of " + name + " in table " + table.name(),
        () ->
            table
                .newestVersion(name.fullName())
                .map(version -> publicId(name, version))
                .orElseGet(() -> notFound(name)));
  }

  private static Outcome<String> publicId(FideliusName name, String storedVersion) {
    return FideliusVersion.fromPadded(storedVersion)
        .map(version -> Outcome.ok(version.id()))
        .orElseGet(
            () ->
                Outcome.failed(
                    ErrorKind.MALFORMED,
                    name + " has version '" + storedVersion + "', not a 19-digit version number"));
  }

  private Outcome<String> notFound(FideliusName name) {
    return Outcome.failed(ErrorKind.NOT_FOUND, name + " does not exist in table " + table.name());
  }
}
