package dev.fidelius.operator.sweep;

import dev.fidelius.operator.backend.SecretId;
import dev.fidelius.operator.backend.SecretListing;
import dev.fidelius.operator.backend.SecretRequest;
import dev.fidelius.operator.backend.SecretScope;
import dev.fidelius.operator.backend.VersionSelector;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Compares what a resource synced with what a sweep saw. Pure. */
final class Changes {

  private Changes() {}

  /**
   * Whether the resource must sync again: a version moved, or a scope it expands gained or lost a
   * name.
   */
  static boolean changed(Interest interest, VersionSnapshot snapshot) {
    for (SecretId id : interest.latestIds()) {
      Optional<String> now = snapshot.version(id);
      if (now.isPresent() && !now.get().equals(interest.syncedVersions().get(id))) {
        return true;
      }
    }
    for (SecretScope scope : interest.scopes()) {
      Optional<List<SecretListing>> listing = snapshot.listing(scope);
      if (listing.isEmpty()) {
        continue;
      }
      Set<String> names =
          listing.get().stream().map(l -> l.id().name()).collect(Collectors.toSet());
      if (!names.equals(interest.syncedScopeNames().getOrDefault(scope, Set.of()))) {
        return true;
      }
      for (SecretListing l : listing.get()) {
        String synced = interest.syncedVersions().get(l.id());
        if (synced != null && !synced.equals(l.currentVersion())) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * The exact versions a triggered reconcile of this resource will read: the snapshot's version of
   * each secret it reads at latest, and of each secret it synced from a scope, where they moved.
   * (Names new to a scope are left to the reconcile: a dataFrom.find regex may not want them.)
   */
  static Set<SecretRequest> newVersions(Interest interest, VersionSnapshot snapshot) {
    Set<SecretRequest> requests = new LinkedHashSet<>();
    for (SecretId id : interest.latestIds()) {
      snapshot
          .version(id)
          .filter(now -> !now.equals(interest.syncedVersions().get(id)))
          .ifPresent(now -> requests.add(new SecretRequest(id, VersionSelector.exact(now))));
    }
    for (SecretScope scope : interest.scopes()) {
      for (SecretListing l : snapshot.listing(scope).orElse(List.of())) {
        String synced = interest.syncedVersions().get(l.id());
        if (synced != null && !synced.equals(l.currentVersion())) {
          requests.add(new SecretRequest(l.id(), VersionSelector.exact(l.currentVersion())));
        }
      }
    }
    return requests;
  }
}
