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
import dev.fidelius.operator.backend.parameterstore.ParameterStoreBackend;
import dev.fidelius.operator.backend.parameterstore.ParameterStoreConfig;
import dev.fidelius.writer.fidelius.VersionHistoryEntry;
import dev.fidelius.writer.parameterstore.ParameterStoreWriter;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * Parameter Store: read by the operator's backend, written by the writer module, under the same
 * names. {@code --version} takes a version number or a label, as the operator's pins do.
 */
final class ParameterStoreSession implements StoreSession {

  private static final long CACHE_BYTES = 16L << 20;

  private final StoreLocation store;
  private final AwsClientFactory clients;
  private final SsmClient client;
  private final ParameterStoreBackend backend;
  private final ParameterStoreWriter writer;

  ParameterStoreSession(
      StoreLocation store, AwsClientFactory clients, AwsCredentialsProvider credentials) {
    this.store = store;
    this.clients = clients;
    ParameterStoreConfig config =
        new ParameterStoreConfig(
            store.region(), store.endpoints(), store.prefix(), store.componentFallback(), "cli");
    this.client = clients.ssm(store.region(), credentials, store.endpoints().ssmOverride());
    this.backend = ParameterStoreBackend.create(config, client, new ValueCache(CACHE_BYTES));
    this.writer = new ParameterStoreWriter(client, config, store.kmsKeyId());
  }

  @Override
  public String description() {
    return store.description() + " (Parameter Store in " + store.region() + ")";
  }

  @Override
  public Outcome<SecretValue> get(SecretId id, Optional<String> version) {
    SecretRequest request =
        new SecretRequest(id, version.map(VersionSelector::exact).orElse(VersionSelector.LATEST));
    return backend.read(List.of(request)).get(request);
  }

  @Override
  public Outcome<String> put(SecretId id, String value) {
    return writer.put(id, value);
  }

  @Override
  public Outcome<List<VersionHistoryEntry>> history(SecretId id) {
    return writer.history(id);
  }

  @Override
  public Outcome<List<SecretListing>> list(SecretScope scope) {
    return backend.list(scope);
  }

  @Override
  public Outcome<Integer> delete(SecretId id) {
    return writer.delete(id);
  }

  @Override
  public void close() {
    client.close();
    clients.close();
  }
}
