package dev.fidelius.operator.store;

import dev.fidelius.operator.aws.AwsIdentity;
import dev.fidelius.operator.aws.CredentialsCache;
import dev.fidelius.operator.backend.SecretBackend;
import dev.fidelius.operator.backend.ValueCache;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One backend per (store spec generation, AWS identity), shared by every FideliusSecret that reads
 * the store as that identity: they share AWS clients, change detection and (through the value
 * cache) decrypted values. A store whose spec changed gets new backends and the old ones are
 * dropped; change detection evicts a backend no FideliusSecret reads any more ({@link #evict}), so
 * deleted stores and idle identities do not hold clients forever.
 */
public final class BackendRegistry {

  /** A backend and the key that identifies it for change detection. */
  public record Handle(BackendKey key, SecretBackend backend) {}

  private final ProviderRegistry providers;
  private final CredentialsCache credentials;
  private final BackendFactory factory;
  private final Map<BackendKey, Handle> handles = new ConcurrentHashMap<>();

  public BackendRegistry(
      ProviderRegistry providers, CredentialsCache credentials, BackendFactory factory) {
    this.providers = providers;
    this.credentials = credentials;
    this.factory = factory;
  }

  /** Backends connected by each store's provider, sharing {@code cache}. */
  public static BackendRegistry connecting(
      ProviderRegistry providers, CredentialsCache credentials, ValueCache cache) {
    return new BackendRegistry(
        providers,
        credentials,
        (store, connection, key) ->
            providers
                .require(store.spec())
                .connect(store.spec(), connection, cache, key.cachePartition()));
  }

  public Handle backendFor(ResolvedStore store, AwsIdentity identity) {
    BackendKey key = new BackendKey(store.key(), store.uid(), store.generation(), identity.key());
    return handles.computeIfAbsent(
        key,
        k -> {
          handles.keySet().removeIf(older -> older.supersededBy(k));
          String region = providers.require(store.spec()).region(store.spec());
          var connection =
              credentials
                  .connection(
                      identity, region, StoreEndpointsMapper.toAws(store.spec().getEndpoints()))
                  .forStore(store.key().toString());
          return new Handle(k, factory.create(store, connection, k));
        });
  }

  /** Drops a backend no FideliusSecret reads any more; the next reader builds a new one. */
  public void evict(BackendKey key) {
    handles.remove(key);
  }

  public int size() {
    return handles.size();
  }
}
