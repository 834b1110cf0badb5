package dev.fidelius.operator.backend.secretsmanager;

import dev.fidelius.operator.aws.AwsClientFactory;
import dev.fidelius.operator.backend.ChangeFeed;
import dev.fidelius.operator.backend.GatheredReads;
import dev.fidelius.operator.backend.Outcome;
import dev.fidelius.operator.backend.SecretBackend;
import dev.fidelius.operator.backend.SecretId;
import dev.fidelius.operator.backend.SecretListing;
import dev.fidelius.operator.backend.SecretRequest;
import dev.fidelius.operator.backend.SecretScope;
import dev.fidelius.operator.backend.SecretValue;
import dev.fidelius.operator.backend.ValueCache;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * AWS Secrets Manager as a {@link SecretBackend}, with one identity. Change detection lists
 * versions ({@code ~N/100} ListSecrets calls, no value read); values come from the shared cache,
 * then BatchGetSecretValue (twenty per call), then GetSecretValue for what only it can answer.
 * Thread-safe.
 */
public final class SecretsManagerBackend implements SecretBackend {

  private volatile ChangeFeed changeFeed;

  /** Secret names whose ARN and current version are remembered; a few MB at most. */
  private static final int SEEN_SECRETS = 20_000;

  private final ChangeDetector changeDetector;
  private final ValueReader valueReader;
  private final ScopeListing scopeListing;

  SecretsManagerBackend(
      SecretsManagerStoreConfig config, SecretsManagerApi api, ValueCache cache, Clock clock) {
    SecretsManagerNaming naming = new SecretsManagerNaming(config.naming());
    ScopeMembership membership = new ScopeMembership(naming, config.discovery());
    ListingPlanner planner = new ListingPlanner(naming);
    PagedListing listing = new PagedListing(api, membership.filtersByTags());
    SeenSecrets seen = new SeenSecrets(SEEN_SECRETS);
    this.changeDetector =
        new ChangeDetector(api, naming, membership, planner, listing, seen, config.versionStage());
    this.scopeListing =
        new ScopeListing(naming, membership, planner, listing, seen, config.versionStage());
    this.valueReader =
        new ValueReader(
            naming,
            config.versionStage(),
            config.storeKey(),
            cache,
            seen,
            new GatheredReads<>(
                new BatchValueFetcher(api, clock)::fetchCurrent,
                GatheredReads.WINDOW,
                BatchValueFetcher.MAX_IDS_PER_CALL),
            new DirectValueFetcher(api));
  }

  /** A backend on a client the caller built and caches (per identity, region and endpoint). */
  public static SecretsManagerBackend create(
      SecretsManagerStoreConfig config, SecretsManagerClient client, ValueCache cache) {
    return new SecretsManagerBackend(
        config, new SdkSecretsManagerApi(client), cache, Clock.systemUTC());
  }

  /**
   * A backend on a new client for the store's region and endpoint, acting with the given
   * credentials.
   */
  public static SecretsManagerBackend connect(
      SecretsManagerStoreConfig config,
      AwsClientFactory clients,
      AwsCredentialsProvider credentials,
      ValueCache cache) {
    SecretsManagerClient client =
        clients.secretsManager(
            config.region(), credentials, config.endpoints().secretsManagerOverride());
    return create(config, client, cache);
  }

  /**
   * Announces changes through {@code feed} (the store's queue); set once, when the store is
   * connected.
   */
  SecretsManagerBackend withChangeFeed(ChangeFeed feed) {
    this.changeFeed = feed;
    return this;
  }

  @Override
  public Optional<ChangeFeed> changeFeed() {
    return Optional.ofNullable(changeFeed);
  }

  @Override
  public Map<SecretId, Outcome<String>> currentVersions(Collection<SecretId> ids) {
    return changeDetector.currentVersions(ids);
  }

  @Override
  public Map<SecretRequest, Outcome<SecretValue>> read(Collection<SecretRequest> requests) {
    return valueReader.read(requests);
  }

  @Override
  public Outcome<List<SecretListing>> list(SecretScope scope) {
    return scopeListing.list(scope);
  }

  /**
   * New current versions share BatchGetSecretValue calls (twenty per call) instead of one per
   * reconcile.
   */
  @Override
  public void prefetch(Collection<SecretRequest> exactVersions) {
    valueReader.read(exactVersions);
  }
}
