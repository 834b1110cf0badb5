package dev.fidelius.cli.store;

import dev.fidelius.operator.aws.AwsClientFactory;
import dev.fidelius.operator.backend.Outcome;
import dev.fidelius.operator.backend.SecretId;
import dev.fidelius.operator.backend.SecretListing;
import dev.fidelius.operator.backend.SecretRequest;
import dev.fidelius.operator.backend.SecretScope;
import dev.fidelius.operator.backend.SecretValue;
import dev.fidelius.operator.backend.ValueCache;
import dev.fidelius.operator.backend.VersionSelector;
import dev.fidelius.operator.backend.fidelius.FideliusReader;
import dev.fidelius.operator.backend.fidelius.FideliusStoreConfig;
import dev.fidelius.writer.fidelius.FideliusWriter;
import dev.fidelius.writer.fidelius.UpdatedBy;
import dev.fidelius.writer.fidelius.VersionHistory;
import dev.fidelius.writer.fidelius.VersionHistoryEntry;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * A Fidelius store (DynamoDB + KMS): read by the operator's reader, written by the writer module,
 * with {@code updatedBy} the caller's identity as STS reports it, exactly as the Fidelius SDK
 * records it.
 */
final class FideliusSession implements StoreSession {

  /** Enough for one command's reads; the CLI never holds many values. */
  private static final long CACHE_BYTES = 16L << 20;

  private final StoreLocation store;
  private final AwsClientFactory clients;
  private final AwsCredentialsProvider credentials;
  private final DynamoDbClient dynamo;
  private final KmsClient kms;
  private final FideliusStoreConfig config;
  private final FideliusReader reader;
  private final VersionHistory history;
  private FideliusWriter writer;

  FideliusSession(
      StoreLocation store, AwsClientFactory clients, AwsCredentialsProvider credentials) {
    this.store = store;
    this.clients = clients;
    this.credentials = credentials;
    this.config =
        new FideliusStoreConfig(
            store.table(),
            store.region(),
            store.endpoints(),
            store.kmsKeyId(),
            store.contextKeys(),
            store.componentFallback(),
            "cli");
    this.dynamo =
        clients.dynamoDb(store.region(), credentials, store.endpoints().dynamodbOverride());
    this.kms = clients.kms(store.region(), credentials, store.endpoints().kmsOverride());
    this.reader = new FideliusReader(dynamo, kms, config, new ValueCache(CACHE_BYTES));
    this.history = VersionHistory.on(dynamo, config);
  }

  @Override
  public String description() {
    return store.description()
        + " (Fidelius table "
        + config.table()
        + " in "
        + store.region()
        + ")";
  }

  @Override
  public Outcome<SecretValue> get(SecretId id, Optional<String> version) {
    SecretRequest request =
        new SecretRequest(id, version.map(VersionSelector::exact).orElse(VersionSelector.LATEST));
    return reader.read(List.of(request)).get(request);
  }

  @Override
  public Outcome<String> put(SecretId id, String value) {
    Outcome<FideliusWriter> writing = writer();
    return writing.isOk() ? writing.value().put(id, value) : Outcome.failed(writing.error());
  }

  @Override
  public Outcome<List<VersionHistoryEntry>> history(SecretId id) {
    return history.of(id);
  }

  @Override
  public Outcome<List<SecretListing>> list(SecretScope scope) {
    return reader.list(scope);
  }

  @Override
  public Outcome<Integer> delete(SecretId id) {
    Outcome<FideliusWriter> writing = writer();
    return writing.isOk() ? writing.value().delete(id) : Outcome.failed(writing.error());
  }

  /** The writer records who the caller is, so it asks STS once, on the first write. */
  private Outcome<FideliusWriter> writer() {
    if (writer == null) {
      Outcome<String> caller =
          UpdatedBy.ofCaller(
              clients.sts(store.region(), credentials, store.endpoints().stsOverride()));
      if (!caller.isOk()) {
        return Outcome.failed(caller.error());
      }
      writer = new FideliusWriter(dynamo, kms, config, caller.value());
    }
    return Outcome.ok(writer);
  }

  @Override
  public void close() {
    dynamo.close();
    kms.close();
    clients.close();
  }
}
