package dev.fidelius.operator.backend.fidelius;

import dev.fidelius.operator.api.ChangeEvents;
import dev.fidelius.operator.api.DynamoDbProvider;
import dev.fidelius.operator.api.FideliusStoreSpec;
import dev.fidelius.operator.aws.AwsConnection;
import dev.fidelius.operator.backend.SecretBackend;
import dev.fidelius.operator.backend.ValueCache;
import dev.fidelius.operator.provider.ChangeEventSettings;
import dev.fidelius.operator.provider.FailoverRegions;
import dev.fidelius.operator.provider.StoreProvider;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** {@code spec.provider.dynamodb}: the Fidelius store, a DynamoDB table of KMS-encrypted items. */
public final class FideliusStoreProvider implements StoreProvider {

  /**
   * How long a stream reader waits between reads of shards that had nothing new (GetRecords allows
   * 5/s).
   */
  private static final Duration STREAM_POLL = Duration.ofMillis(500);

  /** The one reader per table, shared by every store connected through this provider. */
  private final StreamTails streamTails = new StreamTails();

  @Override
  public String field() {
    return "dynamodb";
  }

  @Override
  public boolean selectedBy(dev.fidelius.operator.api.StoreProvider provider) {
    return provider.getDynamodb() != null;
  }

  @Override
  public List<String> problems(FideliusStoreSpec spec) {
    return blank(settings(spec).getRegion())
        ? List.of("spec.provider.dynamodb.region is required")
        : FailoverRegions.problems(
            "spec.provider.dynamodb.failoverRegions",
            settings(spec).getRegion(),
            settings(spec).getFailoverRegions());
  }

  /**
   * Replicas of a DynamoDB global table keep the items' versions; each region decrypts with its own
   * replica of a multi-Region KMS key.
   */
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
   * The table's replica and KMS in {@code region}: a data key is decrypted where it is read, so a
   * replica region needs a replica of a multi-Region key. Replicas share the cache partition (a
   * version holds the same value in every region).
   */
  @Override
  public SecretBackend connectIn(
      String region,
      FideliusStoreSpec spec,
      AwsConnection connection,
      ValueCache cache,
      String cachePartition) {
    FideliusStoreConfig config = config(settings(spec), region, connection, cachePartition);
    var endpoints = connection.endpoints();
    DynamoDbClient dynamo =
        connection
            .clients()
            .dynamoDb(config.region(), connection.credentials(), endpoints.dynamodbOverride());
    FideliusReader reader =
        new FideliusReader(
            dynamo,
            connection
                .clients()
                .kms(config.region(), connection.credentials(), endpoints.kmsOverride()),
            config,
            cache);
    ChangeEvents events = spec.getChangeEvents();
    if (ChangeEventSettings.disabled(events)) {
      return reader;
    }
    // Same place, same identity (credentials providers are cached per identity): the same stream
    // reader.
    List<Object> tableKey =
        List.of(
            config.region(),
            endpoints.dynamodbOverride(),
            config.table(),
            connection.credentials());
    return reader.withChangeFeed(
        new FideliusChangeFeed(
            streamTails,
            tableKey,
            () ->
                new StreamTail(
                    new SdkTableStream(
                        dynamo,
                        connection
                            .clients()
                            .dynamoDbStreams(
                                config.region(),
                                connection.credentials(),
                                endpoints.dynamodbOverride()),
                        config.table()),
                    config.table(),
                    Clock.systemUTC(),
                    STREAM_POLL),
            reader.names(),
            config.componentFallback(),
            ChangeEventSettings.safetyInterval(events),
            reader::noticed));
  }

  /**
   * Items are bound to their application and SDLC by the KMS encryption context, not by their name.
   */
  @Override
  public Naming naming(FideliusStoreSpec spec) {
    return new Naming('.', false);
  }

  @Override
  public Capabilities capabilities() {
    return new Capabilities(false, true);
  }

  static FideliusStoreConfig config(
      DynamoDbProvider p, AwsConnection connection, String cachePartition) {
    return config(p, p.getRegion(), connection, cachePartition);
  }

  static FideliusStoreConfig config(
      DynamoDbProvider p, String region, AwsConnection connection, String cachePartition) {
    var keys = p.getContextKeys();
    ContextKeys contextKeys =
        keys == null
            ? ContextKeys.FIDELIUS_DEFAULTS
            : new ContextKeys(
                orDefault(keys.getApplication(), ContextKeys.FIDELIUS_DEFAULTS.application()),
                orDefault(keys.getSdlc(), ContextKeys.FIDELIUS_DEFAULTS.sdlc()),
                orDefault(keys.getComponent(), ContextKeys.FIDELIUS_DEFAULTS.component()));
    return new FideliusStoreConfig(
        p.getTable(),
        AwsConnection.region(region),
        connection.endpoints(),
        p.getKmsKeyId(),
        contextKeys,
        p.getComponentFallback() == null || p.getComponentFallback(),
        cachePartition);
  }

  private static DynamoDbProvider settings(FideliusStoreSpec spec) {
    return spec.getProvider().getDynamodb();
  }

  private static String orDefault(String value, String fallback) {
    return value == null || value.isBlank() ? fallback : value;
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
