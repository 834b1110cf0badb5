package dev.fidelius.operator.backend.s3;

import dev.fidelius.operator.backend.ErrorKind;
import dev.fidelius.operator.backend.Outcome;
import dev.fidelius.operator.backend.SecretId;
import dev.fidelius.operator.backend.SecretListing;
import dev.fidelius.operator.backend.SecretScope;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Current versions without decrypting anything: one ListObjectsV2 page per thousand objects gives
 * every key's ETag, listed per scope or, for many scopes, once under their common prefix ({@link
 * ScopeListings}). A key whose ETag is the one seen last keeps its known version; only new content
 * costs a GetObject (its VersionId is not in the listing), and the body read that way is handed to
 * the value reader ahead of the read that follows, so new content costs one GetObject (and one KMS
 * Decrypt) in all.
 */
final class ObjectVersions {

  private final ObjectNaming naming;
  private final ObjectLister lister;
  private final ScopeListings scopeListings;
  private final ObjectFetcher fetcher;
  private final SeenObjects seen;
  private final Consumer<FetchedObject> readAhead;
  private final String bucket;

  ObjectVersions(
      ObjectNaming naming,
      ObjectLister lister,
      ObjectFetcher fetcher,
      SeenObjects seen,
      Consumer<FetchedObject> readAhead,
      String bucket) {
    this.naming = naming;
    this.lister = lister;
    this.scopeListings = new ScopeListings(lister);
    this.fetcher = fetcher;
    this.seen = seen;
    this.readAhead = readAhead;
    this.bucket = bucket;
  }

  Map<SecretId, Outcome<String>> currentVersions(Collection<SecretId> ids) {
    Map<SecretId, Outcome<String>> results = new LinkedHashMap<>();
    Map<String, List<SecretId>> byPrefix = new TreeMap<>();
    for (SecretId id : ids) {
      naming
          .problemWith(id)
          .ifPresentOrElse(
              problem -> results.put(id, Outcome.failed(ErrorKind.INVALID_REQUEST, problem)),
              () ->
                  byPrefix
                      .computeIfAbsent(naming.scopePrefix(id.scope()), p -> new ArrayList<>())
                      .add(id));
    }
    Map<String, Outcome<List<ListedObject>>> listings = scopeListings.list(byPrefix.keySet());
    byPrefix.forEach(
        (prefix, prefixIds) -> {
          Outcome<List<ListedObject>> listed = listings.get(prefix);
          if (!listed.isOk()) {
            prefixIds.forEach(id -> results.put(id, Outcome.failed(listed.error())));
            return;
          }
          Map<String, ListedObject> byKey =
              listed.value().stream()
                  .collect(Collectors.toMap(ListedObject::key, Function.identity(), (a, b) -> a));
          for (SecretId id : prefixIds) {
            String key = naming.key(id);
            ListedObject object = byKey.get(key);
            results.put(
                id,
                object == null
                    ? Outcome.failed(
                        ErrorKind.NOT_FOUND,
                        "S3 object s3://" + bucket + "/" + key + " does not exist")
                    : current(object));
          }
        });
    return results;
  }

  Outcome<List<SecretListing>> list(SecretScope scope) {
    Optional<String> problem = naming.problemWith(scope);
    if (problem.isPresent()) {
      return Outcome.failed(ErrorKind.INVALID_REQUEST, problem.get());
    }
    Outcome<List<ListedObject>> listed = lister.list(naming.scopePrefix(scope));
    if (!listed.isOk()) {
      return Outcome.failed(listed.error());
    }
    List<SecretListing> listings = new ArrayList<>();
    for (ListedObject object : listed.value()) {
      Optional<String> name = naming.shortNameIn(scope, object.key());
      if (name.isEmpty()) {
        continue;
      }
      Outcome<String> version = current(object);
      if (!version.isOk()) {
        return Outcome.failed(version.error());
      }
      listings.add(
          new SecretListing(new SecretId(scope, name.get()), object.key(), version.value()));
    }
    listings.sort(Comparator.comparing(SecretListing::resolvedName));
    return Outcome.ok(listings);
  }

  private Outcome<String> current(ListedObject object) {
    Optional<String> known = seen.versionOf(object);
    if (known.isPresent()) {
      return Outcome.ok(known.get());
    }
    Outcome<FetchedObject> fetched = fetcher.latest(object.key());
    if (fetched.isOk()) {
      seen.fetched(fetched.value());
      readAhead.accept(fetched.value());
    }
    return fetched.map(FetchedObject::version);
  }
}
