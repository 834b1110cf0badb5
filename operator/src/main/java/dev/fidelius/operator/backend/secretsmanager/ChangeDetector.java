package dev.fidelius.operator.backend.secretsmanager;

import dev.fidelius.operator.backend.ErrorKind;
import dev.fidelius.operator.backend.Outcome;
import dev.fidelius.operator.backend.SecretId;
import dev.fidelius.operator.backend.secretsmanager.ListingPlanner.DescribeEach;
import dev.fidelius.operator.backend.secretsmanager.ListingPlanner.ListQueries;
import dev.fidelius.operator.backend.secretsmanager.ListingPlanner.Plan;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretRequest;

/**
 * The current version of each secret, without reading a value: ListSecrets pages report the version
 * each staging label is on, so a hundred secrets cost one call; a lone secret costs one
 * DescribeSecret.
 */
final class ChangeDetector {

  private static final Logger LOG = LoggerFactory.getLogger(ChangeDetector.class);

  private final SecretsManagerApi api;
  private final SecretsManagerNaming naming;
  private final ScopeMembership membership;
  private final ListingPlanner planner;
  private final PagedListing listing;
  private final SeenSecrets seen;
  private final String stage;

  ChangeDetector(
      SecretsManagerApi api,
      SecretsManagerNaming naming,
      ScopeMembership membership,
      ListingPlanner planner,
      PagedListing listing,
      SeenSecrets seen,
      String stage) {
    this.api = api;
    this.naming = naming;
    this.membership = membership;
    this.planner = planner;
    this.listing = listing;
    this.seen = seen;
    this.stage = stage;
  }

  Map<SecretId, Outcome<String>> currentVersions(Collection<SecretId> ids) {
    Map<SecretId, Outcome<String>> results = new LinkedHashMap<>();
    List<SecretId> valid = new ArrayList<>();
    for (SecretId id : new LinkedHashSet<>(ids)) {
      naming
          .problemWith(id)
          .ifPresentOrElse(
              problem -> results.put(id, Outcome.failed(ErrorKind.INVALID_REQUEST, problem)),
              () -> valid.add(id));
    }
    if (valid.isEmpty()) {
      return results;
    }
    Plan plan = planner.plan(valid);
    if (plan instanceof ListQueries listQueries) {
      LOG.debug(
          "change detection of {} secrets through {} ListSecrets queries",
          valid.size(),
          listQueries.queries().size());
      listQueries.queries().forEach(query -> results.putAll(listed(query)));
    } else {
      results.putAll(described(((DescribeEach) plan).ids()));
    }
    return results;
  }

  private Map<SecretId, Outcome<String>> listed(ListingQuery query) {
    Outcome<List<ListedSecret>> listed = listing.run(query);
    if (!listed.isOk()) {
      return query.ids().stream()
          .collect(Collectors.toMap(Function.identity(), id -> Outcome.failed(listed.error())));
    }
    planner.learnFrom(query, listed.value());
    listed.value().forEach(seen::listed);
    Map<String, ListedSecret> byName =
        listed.value().stream()
            .collect(
                Collectors.toMap(
                    ListedSecret::name, Function.identity(), (first, second) -> first));
    Map<SecretId, Outcome<String>> results = new HashMap<>();
    for (SecretId id : query.ids()) {
      results.put(id, currentVersion(id, Optional.ofNullable(byName.get(naming.secretName(id)))));
    }
    return results;
  }

  private Map<SecretId, Outcome<String>> described(List<SecretId> ids) {
    Map<String, Outcome<ListedSecret>> byName = new HashMap<>();
    Map<SecretId, Outcome<String>> results = new HashMap<>();
    for (SecretId id : ids) {
      Outcome<ListedSecret> described =
          byName.computeIfAbsent(naming.secretName(id), this::describe);
      results.put(
          id,
          described.isOk()
              ? currentVersion(id, Optional.of(described.value()))
              : Outcome.failed(described.error()));
    }
    return results;
  }

  private Outcome<ListedSecret> describe(String name) {
    try {
      ListedSecret described =
          ListedSecret.of(
              api.describeSecret(DescribeSecretRequest.builder().secretId(name).build()));
      seen.listed(described);
      return Outcome.ok(described);
    } catch (RuntimeException e) {
      return Outcome.failed(
          SecretsManagerErrors.ofCall(name, "Secrets Manager DescribeSecret of " + name, e));
    }
  }

  private Outcome<String> currentVersion(SecretId id, Optional<ListedSecret> found) {
    String name = naming.secretName(id);
    if (found.isEmpty()) {
      return Outcome.failed(
          ErrorKind.NOT_FOUND,
          "Secrets Manager secret "
              + name
              + " is not listed: it does not"
              + " exist, or was created moments ago (ListSecrets is eventually consistent)");
    }
    ListedSecret secret = found.get();
    if (secret.scheduledForDeletion()) {
      return Outcome.failed(SecretsManagerErrors.scheduledForDeletion(name));
    }
    if (!membership.taggedFor(id.scope(), secret)) {
      return Outcome.failed(
          ErrorKind.NOT_FOUND,
          "Secrets Manager secret "
              + name
              + " is not tagged "
              + membership.requiredTags(id.scope())
              + ", which discovery by tags requires");
    }
    return secret
        .versionWithStage(stage)
        .map(Outcome::ok)
        .orElseGet(
            () ->
                Outcome.failed(
                    ErrorKind.NOT_FOUND,
                    "Secrets Manager secret " + name + " has no version labelled " + stage));
  }
}
