package dev.fidelius.operator.backend;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Read access to one secret store (the Fidelius DynamoDB table, Secrets Manager, ...), with one set
 * of credentials. Implementations are thread-safe, never throw for AWS or data failures (they
 * return a failed {@link Outcome} per secret), and use as few AWS calls as their service allows.
 */
public interface SecretBackend {

  /**
   * The current version of each secret, for change detection: no value is read and nothing is
   * decrypted. May be served by eventually consistent listings, so a just-created secret can be
   * missing here; callers read new secrets through {@link #read}.
   *
   * @return an outcome for every id asked for: the current version id, or the error (NOT_FOUND when
   *     none)
   */
  Map<SecretId, Outcome<String>> currentVersions(Collection<SecretId> ids);

  /**
   * The values asked for. Values of immutable versions already read are served from the value cache
   * without AWS calls.
   *
   * @return an outcome for every request asked for
   */
  Map<SecretRequest, Outcome<SecretValue>> read(Collection<SecretRequest> requests);

  /** Every secret of a scope, with its current version (for {@code dataFrom}). */
  Outcome<List<SecretListing>> list(SecretScope scope);

  /**
   * Every secret of each scope, with its current version: an outcome for every scope asked for. The
   * default lists scope by scope; a backend that can list several scopes in one pass (one table
   * scan) does so.
   */
  default Map<SecretScope, Outcome<List<SecretListing>>> listAll(Collection<SecretScope> scopes) {
    Map<SecretScope, Outcome<List<SecretListing>>> listed = new LinkedHashMap<>();
    for (SecretScope scope : new LinkedHashSet<>(scopes)) {
      listed.put(scope, list(scope));
    }
    return listed;
  }

  /**
   * Reads exact versions into the value cache ahead of the reconciles that will ask for them, where
   * one batched read costs fewer calls than each reconcile reading its own: change detection calls
   * this with every new version it saw, before it triggers the reconciles. Never throws; failures
   * are left for the reconciles to meet. The default does nothing, for backends that read one
   * version per call anyway.
   */
  default void prefetch(Collection<SecretRequest> exactVersions) {}

  /**
   * The changes this store announces, when it is set up to (a table with a stream, a store naming a
   * queue): change detection then sweeps only as a safety net while the feed is live. Empty:
   * polling only.
   */
  default Optional<ChangeFeed> changeFeed() {
    return Optional.empty();
  }

  /**
   * For a store with failover regions: the region reads go to now, and since when. Empty for a
   * store read in one region.
   */
  default Optional<ServingRegion> serving() {
    return Optional.empty();
  }
}
