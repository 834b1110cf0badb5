package dev.fidelius.operator.sweep;

import dev.fidelius.operator.backend.SecretId;
import dev.fidelius.operator.backend.SecretScope;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * What one FideliusSecret reads from one backend, and what it last synced: the sweeper compares
 * fresh versions with {@code syncedVersions} (and fresh scope listings with {@code
 * syncedScopeNames}) to decide whether the resource needs a reconcile.
 *
 * @param latestIds secrets read at their latest version (pinned versions never change, so are not
 *     watched)
 * @param scopes scopes expanded by dataFrom.find
 * @param refreshInterval how stale this resource may get
 */
public record Interest(
    Set<SecretId> latestIds,
    Set<SecretScope> scopes,
    Duration refreshInterval,
    Map<SecretId, String> syncedVersions,
    Map<SecretScope, Set<String>> syncedScopeNames) {

  public Interest {
    latestIds = Set.copyOf(latestIds);
    scopes = Set.copyOf(scopes);
    syncedVersions = Map.copyOf(syncedVersions);
    syncedScopeNames = Map.copyOf(syncedScopeNames);
  }
}
