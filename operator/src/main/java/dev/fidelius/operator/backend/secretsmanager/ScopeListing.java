package dev.fidelius.operator.backend.secretsmanager;

import dev.fidelius.operator.backend.ErrorKind;
import dev.fidelius.operator.backend.Outcome;
import dev.fidelius.operator.backend.SecretListing;
import dev.fidelius.operator.backend.SecretScope;
import dev.fidelius.operator.backend.secretsmanager.ListingQuery.NamePrefix;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Every secret of a scope with the version its stage is on ({@code dataFrom}): one ListSecrets per
 * page.
 */
final class ScopeListing {

  private final SecretsManagerNaming naming;
  private final ScopeMembership membership;
  private final ListingPlanner planner;
  private final PagedListing listing;
  private final SeenSecrets seen;
  private final String stage;

  ScopeListing(
      SecretsManagerNaming naming,
      ScopeMembership membership,
      ListingPlanner planner,
      PagedListing listing,
      SeenSecrets seen,
      String stage) {
    this.naming = naming;
    this.membership = membership;
    this.planner = planner;
    this.listing = listing;
    this.seen = seen;
    this.stage = stage;
  }

  Outcome<List<SecretListing>> list(SecretScope scope) {
    Optional<String> problem = naming.problemWith(scope);
    if (problem.isPresent()) {
      return Outcome.failed(ErrorKind.INVALID_REQUEST, problem.get());
    }
    String prefix = naming.scopePrefix(scope);
    String application = CanonicalScope.of(scope).application();
    ListingQuery query =
        new ListingQuery(List.of(new NamePrefix(prefix, application, true, 0, List.of())));
    Outcome<List<ListedSecret>> listed = listing.run(query);
    if (!listed.isOk()) {
      return Outcome.failed(listed.error());
    }
    planner.learnFrom(query, listed.value());
    List<SecretListing> secrets = new ArrayList<>();
    for (ListedSecret secret : listed.value()) {
      seen.listed(secret);
      if (secret.scheduledForDeletion()) {
        continue;
      }
      // A secret with no version under the store's stage has nothing to sync yet.
      membership
          .idIn(scope, secret)
          .ifPresent(
              id ->
                  secret
                      .versionWithStage(stage)
                      .ifPresent(
                          version -> secrets.add(new SecretListing(id, secret.name(), version))));
    }
    secrets.sort(Comparator.comparing(SecretListing::resolvedName));
    return Outcome.ok(secrets);
  }
}
