package dev.fidelius.operator.backend.parameterstore;

import dev.fidelius.operator.aws.AwsClientFactory;
import dev.fidelius.operator.backend.ChangeFeed;
import dev.fidelius.operator.backend.ErrorKind;
import dev.fidelius.operator.backend.NameFallback;
import dev.fidelius.operator.backend.Outcome;
import dev.fidelius.operator.backend.SecretBackend;
import dev.fidelius.operator.backend.SecretId;
import dev.fidelius.operator.backend.SecretListing;
import dev.fidelius.operator.backend.SecretRequest;
import dev.fidelius.operator.backend.SecretScope;
import dev.fidelius.operator.backend.SecretValue;
import dev.fidelius.operator.backend.ValueCache;
import dev.fidelius.operator.backend.parameterstore.ParameterValueReader.Read;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * AWS Systems Manager Parameter Store as a {@link SecretBackend}, with one identity. Change
 * detection reads metadata only (DescribeParameters, fifty names per call); values come from the
 * shared cache, else GetParameters (ten per call, SecureStrings decrypted by the service).
 * Thread-safe.
 */
public final class ParameterStoreBackend implements SecretBackend {

  /** (parameter, version) pairs whose write time is remembered; a few MB at most. */
  private static final int SEEN_VERSIONS = 50_000;

  private final ParameterNaming naming;
  private final ParameterDescriber describer;
  private final ParameterValueReader reader;
  private final NameFallback<SecretId> idFallback;
  private final NameFallback<SecretRequest> requestFallback;
  private volatile ChangeFeed changeFeed;

  ParameterStoreBackend(ParameterStoreConfig config, ParameterStoreApi api, ValueCache cache) {
    SeenVersions seen = new SeenVersions(SEEN_VERSIONS);
    this.naming = new ParameterNaming(config.prefix());
    this.describer = new ParameterDescriber(api, seen);
    this.reader = new ParameterValueReader(api, cache, seen, config.storeKey());
    this.idFallback = NameFallback.forIds(config.componentFallback());
    this.requestFallback = NameFallback.forRequests(config.componentFallback());
  }

  /** A backend on a client the caller built and caches (per identity, region and endpoint). */
  public static ParameterStoreBackend create(
      ParameterStoreConfig config, SsmClient client, ValueCache cache) {
    return new ParameterStoreBackend(config, new SdkParameterStoreApi(client), cache);
  }

  /**
   * A backend on a new client for the store's region and endpoint, acting with the given
   * credentials.
   */
  public static ParameterStoreBackend connect(
      ParameterStoreConfig config,
      AwsClientFactory clients,
      AwsCredentialsProvider credentials,
      ValueCache cache) {
    return create(
        config, clients.ssm(config.region(), credentials, config.endpoints().ssmOverride()), cache);
  }

  /**
   * Announces changes through {@code feed} (the store's queue); set once, when the store is
   * connected.
   */
  ParameterStoreBackend withChangeFeed(ChangeFeed feed) {
    this.changeFeed = feed;
    return this;
  }

  @Override
  public Optional<ChangeFeed> changeFeed() {
    return Optional.ofNullable(changeFeed);
  }

  @Override
  public Map<SecretId, Outcome<String>> currentVersions(Collection<SecretId> ids) {
    return idFallback.lookup(new LinkedHashSet<>(ids), this::describeCurrent);
  }

  @Override
  public Map<SecretRequest, Outcome<SecretValue>> read(Collection<SecretRequest> requests) {
    return requestFallback.lookup(new LinkedHashSet<>(requests), this::readValues);
  }

  @Override
  public Outcome<List<SecretListing>> list(SecretScope scope) {
    Optional<String> problem = naming.problemWith(scope);
    if (problem.isPresent()) {
      return Outcome.failed(ErrorKind.INVALID_REQUEST, problem.get());
    }
    return describer
        .underPath(naming.scopePath(scope))
        .map(
            parameters -> {
              List<SecretListing> listings = new ArrayList<>();
              for (ListedParameter parameter : parameters) {
                naming
                    .shortNameIn(scope, parameter.name())
                    .ifPresent(
                        name ->
                            listings.add(
                                new SecretListing(
                                    new SecretId(scope, name),
                                    parameter.name(),
                                    String.valueOf(parameter.version()))));
              }
              listings.sort(Comparator.comparing(SecretListing::resolvedName));
              return listings;
            });
  }

  /** New versions share GetParameters calls (ten per call) instead of one call per reconcile. */
  @Override
  public void prefetch(Collection<SecretRequest> exactVersions) {
    read(exactVersions);
  }

  private Map<SecretId, Outcome<String>> describeCurrent(Collection<SecretId> ids) {
    Map<SecretId, Outcome<String>> results = new LinkedHashMap<>();
    Map<SecretId, String> names = new LinkedHashMap<>();
    for (SecretId id : ids) {
      naming
          .problemWith(id)
          .ifPresentOrElse(
              problem -> results.put(id, Outcome.failed(ErrorKind.INVALID_REQUEST, problem)),
              () -> names.put(id, naming.parameterName(id)));
    }
    Map<String, Outcome<ListedParameter>> described = describer.byNames(names.values());
    names.forEach(
        (id, name) ->
            results.put(
                id,
                described
                    .getOrDefault(name, Outcome.failed(ParameterStoreErrors.notFound(name)))
                    .map(p -> String.valueOf(p.version()))));
    return results;
  }

  private Map<SecretRequest, Outcome<SecretValue>> readValues(Collection<SecretRequest> requests) {
    Map<SecretRequest, Outcome<SecretValue>> results = new LinkedHashMap<>();
    Map<SecretRequest, Read> pending = new LinkedHashMap<>();
    for (SecretRequest request : requests) {
      Optional<String> problem = naming.problemWith(request.id());
      Outcome<ParameterSelector> selector = ParameterSelector.of(request.version());
      if (problem.isPresent() || !selector.isOk()) {
        results.put(
            request,
            Outcome.failed(
                ErrorKind.INVALID_REQUEST, problem.orElseGet(() -> selector.error().message())));
        continue;
      }
      Read read = new Read(naming.parameterName(request.id()), selector.value());
      reader
          .cached(read)
          .ifPresentOrElse(
              value -> results.put(request, Outcome.ok(value)), () -> pending.put(request, read));
    }
    Map<Read, Outcome<SecretValue>> fetched = reader.fetch(pending.values());
    pending.forEach((request, read) -> results.put(request, fetched.get(read)));
    return results;
  }
}
