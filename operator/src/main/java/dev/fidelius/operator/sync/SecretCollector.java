package dev.fidelius.operator.sync;

import dev.fidelius.operator.backend.BackendError;
import dev.fidelius.operator.backend.ErrorKind;
import dev.fidelius.operator.backend.Outcome;
import dev.fidelius.operator.backend.SecretBackend;
import dev.fidelius.operator.backend.SecretId;
import dev.fidelius.operator.backend.SecretListing;
import dev.fidelius.operator.backend.SecretRequest;
import dev.fidelius.operator.backend.SecretScope;
import dev.fidelius.operator.backend.SecretValue;
import dev.fidelius.operator.backend.VersionSelector;
import dev.fidelius.operator.render.FoundKeys;
import dev.fidelius.operator.render.JsonSecretValues;
import dev.fidelius.operator.sweep.VersionSnapshot;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Reads every source of a plan in one batched backend call and assembles the Secret data.
 *
 * <p>Latest-version reads use the shared sweep's snapshot when it is fresh: the snapshot's version
 * is read as an exact version, which the backend serves from its value cache without AWS calls when
 * nothing rotated. Secrets the snapshot does not know (new ones) are read directly with strong
 * consistency.
 *
 * <p>Precedence when two sources produce the same key: {@code data} items win over {@code
 * dataFrom}, and a later {@code dataFrom} entry wins over an earlier one.
 */
public final class SecretCollector {

  private final SourcePlan plan;
  private final SecretBackend backend;
  private final Optional<VersionSnapshot> snapshot;
  private final PriorSync prior;
  private final List<BackendError> failures = new ArrayList<>();
  private final Set<String> notFoundKeys = new LinkedHashSet<>();
  private final Map<SecretScope, Set<String>> scopeNames = new LinkedHashMap<>();
  private final Map<SecretScope, List<SecretListing>> listings = new HashMap<>();
  private final Map<SecretRequest, SecretRequest> resolved =
      new LinkedHashMap<>(); // planned -> actually read
  private final Map<String, byte[]> data = new TreeMap<>();
  private final Map<String, String> syncedVersions = new TreeMap<>();
  private final Map<SecretId, String> versionsById = new HashMap<>();
  private final SourceResults sources = new SourceResults();
  private VersionRegression regression;

  private SecretCollector(
      SourcePlan plan, SecretBackend backend, Optional<VersionSnapshot> snapshot, PriorSync prior) {
    this.plan = plan;
    this.backend = backend;
    this.snapshot = snapshot;
    this.prior = prior;
  }

  /**
   * @param prior what the resource synced last, so that an older snapshot never takes a version
   *     back: a direct read may have seen a newer version than the last sweep did
   */
  public static CollectedData collect(
      SourcePlan plan, SecretBackend backend, Optional<VersionSnapshot> snapshot, PriorSync prior) {
    SecretCollector collector = new SecretCollector(plan, backend, snapshot, prior);
    collector.listScopes();
    Map<SecretRequest, Outcome<SecretValue>> read = collector.readAll();
    // The region is asked after the reads: they may have moved the store to another.
    collector.regression = new VersionRegression(prior, backend.serving());
    collector.takeFinds(read);
    collector.takeExtracts(read);
    collector.takeItems(read);
    return new CollectedData(
        collector.data,
        collector.syncedVersions,
        collector.versionsById,
        collector.scopeNames,
        List.copyOf(collector.failures),
        Set.copyOf(collector.notFoundKeys),
        collector.sources.all());
  }

  /** Expands dataFrom.find scopes: from the snapshot, else all missing scopes in one listing. */
  private void listScopes() {
    Map<SecretScope, Outcome<List<SecretListing>>> listed = new LinkedHashMap<>();
    Set<SecretScope> unlisted = new LinkedHashSet<>();
    for (SecretScope scope : plan.findScopes()) {
      snapshot
          .flatMap(s -> s.listing(scope))
          .ifPresentOrElse(l -> listed.put(scope, Outcome.ok(l)), () -> unlisted.add(scope));
    }
    if (!unlisted.isEmpty()) {
      listed.putAll(backend.listAll(unlisted));
    }
    for (SecretScope scope : plan.findScopes()) {
      Outcome<List<SecretListing>> listing = listed.get(scope);
      if (listing.isOk()) {
        listings.put(scope, listing.value());
        Set<String> names = new TreeSet<>();
        listing.value().forEach(l -> names.add(l.id().name()));
        scopeNames.put(scope, names);
      } else {
        failures.add(listing.error());
        sources.listingFailed(scope.toString(), listing.error());
      }
    }
  }

  /**
   * One request per distinct secret version, in one backend call; known-missing names are not
   * asked.
   */
  private Map<SecretRequest, Outcome<SecretValue>> readAll() {
    for (SourcePlan.Item item : plan.items()) {
      resolved.put(item.request(), pinToSnapshot(item.request(), snapshot, prior));
    }
    for (SourcePlan.Extract extract : plan.extracts()) {
      resolved.put(extract.request(), pinToSnapshot(extract.request(), snapshot, prior));
    }
    Set<SecretRequest> toRead = new LinkedHashSet<>(resolved.values());
    for (SourcePlan.Find find : plan.finds()) {
      for (SecretListing l : listings.getOrDefault(find.scope(), List.of())) {
        if (find.matches(l.id().name())) {
          toRead.add(exact(l));
        }
      }
    }
    Map<SecretRequest, Outcome<SecretValue>> read =
        new HashMap<>(knownMissing(toRead, snapshot, prior));
    toRead.removeAll(read.keySet());
    if (!toRead.isEmpty()) {
      read.putAll(backend.read(toRead));
    }
    return read;
  }

  /**
   * dataFrom.find in order: a later entry wins over an earlier one (and data items win over all).
   * Within one entry, names that map to one key ({@link FoundKeys}) fail instead of overwriting
   * each other.
   */
  private void takeFinds(Map<SecretRequest, Outcome<SecretValue>> read) {
    for (SourcePlan.Find find : plan.finds()) {
      Map<String, List<SecretListing>> byKey = new TreeMap<>();
      for (SecretListing l : listings.getOrDefault(find.scope(), List.of())) {
        if (find.matches(l.id().name())) {
          byKey
              .computeIfAbsent(
                  FoundKeys.keyFor(find.keyPrefix(), l.id().name()), k -> new ArrayList<>())
              .add(l);
        }
      }
      byKey.forEach(
          (key, found) -> {
            if (found.size() == 1) {
              takeFound(key, found.get(0), read.get(exact(found.get(0))));
            } else {
              keyConflict(key, found, find.scope());
            }
          });
    }
  }

  private void takeFound(String key, SecretListing listing, Outcome<SecretValue> value) {
    String name = listing.id().name();
    Optional<BackendError> behind = behind(name, value);
    if (behind.isPresent()) {
      fail(key, behind.get());
      sources.foundFailed(name, key, behind.get());
    } else if (value != null && value.isOk()) {
      data.put(key, value.value().bytes());
      syncedVersions.put(name, value.value().version());
      versionsById.put(listing.id(), value.value().version());
      sources.found(name, key, value.value());
    } else if (value != null) {
      fail(key, value.error());
      sources.foundFailed(name, key, value.error());
    }
  }

  /** Every name of the conflict fails, so none of them wins by listing order. */
  private void keyConflict(String key, List<SecretListing> found, SecretScope scope) {
    BackendError error =
        BackendError.of(
            ErrorKind.INVALID_REQUEST,
            FoundKeys.conflict(key, found.stream().map(l -> l.id().name()).toList(), scope));
    failures.add(error);
    found.forEach(l -> sources.foundFailed(l.id().name(), key, error));
  }

  private void takeExtracts(Map<SecretRequest, Outcome<SecretValue>> read) {
    for (SourcePlan.Extract extract : plan.extracts()) {
      Outcome<SecretValue> value = read.get(resolved.get(extract.request()));
      String name = extract.request().id().name();
      Optional<BackendError> behind = behind(name, value);
      if (value == null || !value.isOk() || behind.isPresent()) {
        BackendError error =
            behind.orElseGet(() -> value == null ? missing(extract.request()) : value.error());
        failures.add(error);
        sources.extractFailed(name, error);
        continue;
      }
      record(extract.request(), value.value());
      Outcome<Map<String, byte[]>> expanded = JsonSecretValues.expand(value.value());
      if (!expanded.isOk()) {
        failures.add(expanded.error());
        sources.extractFailed(name, expanded.error());
        continue;
      }
      Set<String> keys = new TreeSet<>();
      expanded
          .value()
          .forEach(
              (k, v) -> {
                data.put(extract.keyPrefix() + k, v);
                keys.add(extract.keyPrefix() + k);
              });
      sources.extract(name, keys, value.value());
    }
  }

  private void takeItems(Map<SecretRequest, Outcome<SecretValue>> read) {
    for (SourcePlan.Item item : plan.items()) {
      Outcome<SecretValue> value = read.get(resolved.get(item.request()));
      String name = item.request().id().name();
      Optional<BackendError> behind = behind(name, value);
      if (value == null || !value.isOk() || behind.isPresent()) {
        BackendError error =
            behind.orElseGet(() -> value == null ? missing(item.request()) : value.error());
        fail(item.key(), error);
        sources.itemFailed(name, item.key(), error);
        continue;
      }
      record(item.request(), value.value());
      Outcome<byte[]> bytes =
          item.property() == null
              ? Outcome.ok(value.value().bytes())
              : JsonSecretValues.property(value.value(), item.property());
      if (bytes.isOk()) {
        data.put(item.key(), bytes.value());
        sources.item(name, item.key(), value.value());
      } else {
        failures.add(bytes.error());
        sources.itemFailed(name, item.key(), bytes.error());
      }
    }
  }

  private static SecretRequest exact(SecretListing listing) {
    return new SecretRequest(listing.id(), VersionSelector.exact(listing.currentVersion()));
  }

  /**
   * A latest read becomes an exact read of the snapshot's version, which the value cache can serve,
   * when the snapshot is trustworthy for this secret: it shows the version synced last (nothing
   * changed), or it was taken after the last sync (the sweep saw a rotation). Otherwise the last
   * sync may have read a newer version directly than this older snapshot knows, and pinning would
   * write the old value back: read the latest version directly instead.
   */
  private static SecretRequest pinToSnapshot(
      SecretRequest request, Optional<VersionSnapshot> snapshot, PriorSync prior) {
    if (!(request.version() instanceof VersionSelector.Latest) || snapshot.isEmpty()) {
      return request;
    }
    Optional<String> seen = snapshot.get().version(request.id());
    if (seen.isEmpty()) {
      return request;
    }
    boolean unchanged = seen.get().equals(prior.versions().get(request.id().name()));
    boolean newerThanLastSync =
        prior.syncedAt() == null || snapshot.get().takenAt().isAfter(prior.syncedAt());
    return unchanged || newerThanLastSync
        ? new SecretRequest(request.id(), VersionSelector.exact(seen.get()))
        : request;
  }

  /**
   * Latest reads of secrets the last sweep found missing, answered NOT_FOUND without asking again:
   * a missing name costs no call per reconcile, and the next sweep, which asks, triggers a
   * reconcile once it exists. Only for names this resource never synced: a name it holds data for
   * is read, so that data is never dropped on an eventually consistent listing's word.
   */
  private static Map<SecretRequest, Outcome<SecretValue>> knownMissing(
      Set<SecretRequest> requests, Optional<VersionSnapshot> snapshot, PriorSync prior) {
    if (snapshot.isEmpty()) {
      return Map.of();
    }
    Map<SecretRequest, Outcome<SecretValue>> missing = new HashMap<>();
    for (SecretRequest r : requests) {
      if (r.version() instanceof VersionSelector.Latest
          && snapshot.get().knownMissing(r.id())
          && !prior.versions().containsKey(r.id().name())) {
        missing.put(
            r,
            Outcome.failed(
                ErrorKind.NOT_FOUND,
                r.id()
                    + " not found (checked at "
                    + snapshot.get().takenAt()
                    + "; checked again every refresh interval)"));
      }
    }
    return missing;
  }

  /** A value older than the one the Secret holds, read in another region: refused. */
  private Optional<BackendError> behind(String name, Outcome<SecretValue> value) {
    return value == null || !value.isOk()
        ? Optional.empty()
        : regression.check(name, value.value());
  }

  private void record(SecretRequest request, SecretValue value) {
    syncedVersions.put(request.id().name(), value.version());
    versionsById.put(request.id(), value.version());
  }

  private void fail(String key, BackendError error) {
    failures.add(error);
    if (error.kind() == ErrorKind.NOT_FOUND) {
      notFoundKeys.add(key);
    }
  }

  private static BackendError missing(SecretRequest request) {
    return BackendError.of(ErrorKind.UNAVAILABLE, "the backend returned no result for " + request);
  }
}
