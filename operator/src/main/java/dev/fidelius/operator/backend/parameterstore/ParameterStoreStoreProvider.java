package dev.fidelius.operator.backend.parameterstore;

import dev.fidelius.operator.api.FideliusStoreSpec;
import dev.fidelius.operator.api.ParameterStoreProvider;
import dev.fidelius.operator.aws.AwsConnection;
import dev.fidelius.operator.backend.SecretBackend;
import dev.fidelius.operator.backend.ValueCache;
import dev.fidelius.operator.backend.queue.StoreQueueFeeds;
import dev.fidelius.operator.provider.StoreProvider;
import java.util.List;
import java.util.Optional;

/** {@code spec.provider.parameterStore}: AWS Systems Manager Parameter Store. */
public final class ParameterStoreStoreProvider implements StoreProvider {

  /** One reader per queue and identity, shared by every store connected through this provider. */
  private final StoreQueueFeeds queueFeeds = new StoreQueueFeeds();

  @Override
  public String field() {
    return "parameterStore";
  }

  @Override
  public boolean selectedBy(dev.fidelius.operator.api.StoreProvider provider) {
    return provider.getParameterStore() != null;
  }

  @Override
  public List<String> problems(FideliusStoreSpec spec) {
    String region = settings(spec).getRegion();
    return region == null || region.isBlank()
        ? List.of("spec.provider.parameterStore.region is required")
        : List.of();
  }

  @Override
  public String region(FideliusStoreSpec spec) {
    return settings(spec).getRegion();
  }

  @Override
  public SecretBackend connect(
      FideliusStoreSpec spec, AwsConnection connection, ValueCache cache, String cachePartition) {
    ParameterStoreConfig config = config(settings(spec), connection, cachePartition);
    ParameterStoreBackend backend =
        ParameterStoreBackend.connect(
            config, connection.clients(), connection.credentials(), cache);
    ParameterNaming naming = new ParameterNaming(config.prefix());
    queueFeeds
        .feed(
            spec.getChangeEvents(),
            config.region(),
            connection,
            change ->
                "ssm".equals(change.service())
                    ? Optional.of(
                        new ParameterChangeNotice(
                            change.name(), naming, config.componentFallback()))
                    : Optional.empty())
        .ifPresent(backend::withChangeFeed);
    return backend;
  }

  /**
   * Parameters are told apart by name alone (a SecureString's KMS context is its ARN, which names
   * no SDLC), so a path that also spells another SDLC's parameter must be refused.
   */
  @Override
  public Naming naming(FideliusStoreSpec spec) {
    return new Naming('/', true);
  }

  /** Labels are read through {@code versionStage} (or a non-numeric {@code version}). */
  @Override
  public Capabilities capabilities() {
    return new Capabilities(true, true);
  }

  static ParameterStoreConfig config(
      ParameterStoreProvider p, AwsConnection connection, String partition) {
    return new ParameterStoreConfig(
        AwsConnection.region(p.getRegion()),
        connection.endpoints(),
        p.getPrefix(),
        p.getComponentFallback() == null || p.getComponentFallback(),
        partition);
  }

  private static ParameterStoreProvider settings(FideliusStoreSpec spec) {
    return spec.getProvider().getParameterStore();
  }
}
