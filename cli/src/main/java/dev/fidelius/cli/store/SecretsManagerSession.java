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
import dev.fidelius.operator.backend.secretsmanager.SecretsManagerBackend;
import dev.fidelius.operator.backend.secretsmanager.SecretsManagerStoreConfig;
import dev.fidelius.writer.fidelius.VersionHistoryEntry;
import dev.fidelius.writer.secretsmanager.SecretsManagerWriter;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Secrets Manager: read by the operator's backend, written by the writer module, under the same
 * names.
 */
final class SecretsManagerSession implements StoreSession {

  private static final long CACHE_BYTES = 16L << 20;

  private final StoreLocation store;
  private final AwsClientFactory clients;
  private final SecretsManagerClient client;
  private final SecretsManagerBackend backend;
  private final SecretsManagerWriter writer;

  SecretsManagerSession(
      StoreLocation store, AwsClientFactory clients, AwsCredentialsProvider credentials) {
    this.store = store;
    this.clients = clients;
    SecretsManagerStoreConfig config =
        SecretsManagerStoreConfig.of(store.region(), "cli")
            .withEndpoints(store.endpoints())
            .withNaming(store.naming());
    this.client =
        clients.secretsManager(
            store.region(), credentials, store.endpoints().secretsManagerOverride());
    this.backend = SecretsManagerBackend.create(config, client, new ValueCache(CACHE_BYTES));
    this.writer = new SecretsManagerWriter(client, config);
  }

  @Override
  public String description() {
    return store.description() + " (Secrets Manager in " + store.region() + ")";
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
