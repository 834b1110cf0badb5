package dev.fidelius.operator.backend.secretsmanager;

import dev.fidelius.operator.api.FideliusStoreSpec;
import dev.fidelius.operator.api.SecretsManagerDiscovery;
import dev.fidelius.operator.api.SecretsManagerProvider;
import dev.fidelius.operator.aws.AwsConnection;
import dev.fidelius.operator.backend.SecretBackend;
import dev.fidelius.operator.backend.ValueCache;
import dev.fidelius.operator.backend.queue.StoreQueueFeeds;
import dev.fidelius.operator.provider.FailoverRegions;
import dev.fidelius.operator.provider.StoreProvider;
import java.util.List;
import java.util.Optional;

/** {@code spec.provider.secretsManager}: AWS Secrets Manager. */
public final class SecretsManagerStoreProvider implements StoreProvider {

  /** One reader per queue and identity, shared by every store connected through this provider. */
  private final StoreQueueFeeds queueFeeds = new StoreQueueFeeds();

  @Override
  public String field() {
    return "secretsManager";
  }

  @Override
  public boolean selectedBy(dev.fidelius.operator.api.StoreProvider provider) {
    return provider.getSecretsManager() != null;
  }

  @Override
  public List<String> problems(FideliusStoreSpec spec) {
    String region = settings(spec).getRegion();
    return region == null || region.isBlank()
        ? List.of("spec.provider.secretsManager.region is required")
        : FailoverRegions.problems(
            "spec.provider.secretsManager.failoverRegions",
            region,
            settings(spec).getFailoverRegions());
  }

  /** Secrets Manager replicas keep the primary's version ids. */
  @Override
  public List<String> failoverRegions(FideliusStoreSpec spec) {
    return FailoverRegions.of(settings(spec).getFailoverRegions());
  }

  @Override
  public String region(FideliusStoreSpec spec) {
    return settings(spec).getRegion();
  }

  @Override
  public SecretBackend connect(
      FideliusStoreSpec spec, AwsConnection connection, ValueCache cache, String cachePartition) {
    return connectIn(region(spec), spec, connection, cache, cachePartition);
  }

  /**
   * Replicas share the cache partition: a version id names the same value in every region, so a
   * value read in one is never read again in another.
   */
  @Override
  public SecretBackend connectIn(
      String region,
      FideliusStoreSpec spec,
      AwsConnection connection,
      ValueCache cache,
      String cachePartition) {
    SecretsManagerStoreConfig config = config(settings(spec), region, connection, cachePartition);
    SecretsManagerBackend backend =
        SecretsManagerBackend.connect(
            config, connection.clients(), connection.credentials(), cache);
    SecretsManagerNaming naming = new SecretsManagerNaming(config.naming());
    boolean tags = config.discovery() == SecretsManagerStoreConfig.Discovery.TAGS;
    queueFeeds
        .feed(
            spec.getChangeEvents(),
            config.region(),
            connection,
            change ->
                "secretsmanager".equals(change.service())
                    ? Optional.of(new SecretsManagerChangeNotice(change.name(), naming, tags))
                    : Optional.empty())
        .ifPresent(backend::withChangeFeed);
    return backend;
  }

  /**
   * Secrets Manager tells secrets apart by name alone: a name must not also spell another SDLC's
   * secret.
   */
  @Override
  public Naming naming(FideliusStoreSpec spec) {
    boolean path =
        settings(spec).getNaming() == dev.fidelius.operator.api.SecretsManagerNaming.Path;
    return new Naming(path ? '/' : '.', true);
  }

  @Override
  public Capabilities capabilities() {
    return new Capabilities(true, true);
  }

  static SecretsManagerStoreConfig config(
      SecretsManagerProvider p, AwsConnection connection, String partition) {
    return config(p, p.getRegion(), connection, partition);
  }

  static SecretsManagerStoreConfig config(
      SecretsManagerProvider p, String region, AwsConnection connection, String partition) {
    SecretsManagerStoreConfig.Naming naming =
        p.getNaming() == dev.fidelius.operator.api.SecretsManagerNaming.Path
            ? SecretsManagerStoreConfig.Naming.PATH
            : SecretsManagerStoreConfig.Naming.FULL_NAME;
    SecretsManagerStoreConfig.Discovery discovery =
        p.getDiscovery() == SecretsManagerDiscovery.Tags
            ? SecretsManagerStoreConfig.Discovery.TAGS
            : SecretsManagerStoreConfig.Discovery.NAME_PREFIX;
    return new SecretsManagerStoreConfig(
        AwsConnection.region(region),
        connection.endpoints(),
        naming,
        discovery,
        p.getVersionStage(),
        partition);
  }

  private static SecretsManagerProvider settings(FideliusStoreSpec spec) {
    return spec.getProvider().getSecretsManager();
  }
}
