package dev.fidelius.operator.backend.secretsmanager;

import dev.fidelius.operator.api.FideliusStoreSpec;
import dev.fidelius.operator.api.SecretsManagerDiscovery;
import dev.fidelius.operator.api.SecretsManagerProvider;
import dev.fidelius.operator.aws.AwsConnection;
import dev.fidelius.operator.backend.SecretBackend;
import dev.fidelius.operator.backend.ValueCache;
import dev.fidelius.operator.backend.queue.StoreQueueFeeds;
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
        : List.of();
  }

  @Override
  public String region(FideliusStoreSpec spec) {
    return settings(spec).getRegion();
  }

  @Override
  public SecretBackend connect(
      FideliusStoreSpec spec, AwsConnection connection, ValueCache cache, String cachePartition) {
    SecretsManagerStoreConfig config = config(settings(spec), connection, cachePartition);
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
    SecretsManagerStoreConfig.Naming naming =
        p.getNaming() == dev.fidelius.operator.api.SecretsManagerNaming.Path
            ? SecretsManagerStoreConfig.Naming.PATH
            : SecretsManagerStoreConfig.Naming.FULL_NAME;
    SecretsManagerStoreConfig.Discovery discovery =
        p.getDiscovery() == SecretsManagerDiscovery.Tags
            ? SecretsManagerStoreConfig.Discovery.TAGS
            : SecretsManagerStoreConfig.Discovery.NAME_PREFIX;
    return new SecretsManagerStoreConfig(
        AwsConnection.region(p.getRegion()),
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
