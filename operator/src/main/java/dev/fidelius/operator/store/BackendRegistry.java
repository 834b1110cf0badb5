package dev.fidelius.operator.store;

import dev.fidelius.operator.aws.AwsConnection;
import dev.fidelius.operator.aws.AwsEndpoints;
import dev.fidelius.operator.aws.AwsIdentity;
import dev.fidelius.operator.aws.CredentialsCache;
import dev.fidelius.operator.backend.SecretBackend;
import dev.fidelius.operator.backend.ValueCache;
import dev.fidelius.operator.backend.failover.FailoverBackend;
import dev.fidelius.operator.backend.failover.RegionHealth;
import dev.fidelius.operator.provider.StoreProvider;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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
  private final RegionFailovers failovers;
  private final Map<BackendKey, Handle> handles = new ConcurrentHashMap<>();

  public BackendRegistry(
      ProviderRegistry providers, CredentialsCache credentials, BackendFactory factory) {
    this(providers, credentials, factory, new RegionFailovers(Clock.systemUTC()));
  }

  public BackendRegistry(
      ProviderRegistry providers,
      CredentialsCache credentials,
      BackendFactory factory,
      RegionFailovers failovers) {
    this.providers = providers;
    this.credentials = credentials;
    this.factory = factory;
    this.failovers = failovers;
  }

  /** Backends connected by each store's provider, sharing {@code cache}. */
  public static BackendRegistry connecting(
      ProviderRegistry providers, CredentialsCache credentials, ValueCache cache) {
    return connecting(providers, credentials, cache, new RegionFailovers(Clock.systemUTC()));
  }

  /** The same, with the health of stores' regions kept in {@code failovers}. */
  public static BackendRegistry connecting(
      ProviderRegistry providers,
      CredentialsCache credentials,
      ValueCache cache,
      RegionFailovers failovers) {
    BackendFactory factory =
        new BackendFactory() {
          @Override
          public SecretBackend create(
              ResolvedStore store, AwsConnection connection, BackendKey key) {
            return providers
                .require(store.spec())
                .connect(store.spec(), connection, cache, key.cachePartition());
          }

          @Override
          public SecretBackend createIn(
              ResolvedStore store, String region, AwsConnection connection, BackendKey key) {
            return providers
                .require(store.spec())
                .connectIn(region, store.spec(), connection, cache, key.cachePartition());
          }
        };
    return new BackendRegistry(providers, credentials, factory, failovers);
  }

  /** The health of the regions of stores with failover regions. */
  public RegionFailovers failovers() {
    return failovers;
  }

  public Handle backendFor(ResolvedStore store, AwsIdentity identity) {
    BackendKey key = new BackendKey(store.key(), store.uid(), store.generation(), identity.key());
    return handles.computeIfAbsent(
        key,
        k -> {
          handles.keySet().removeIf(older -> older.supersededBy(k));
          StoreProvider provider = providers.require(store.spec());
          String region = provider.region(store.spec());
          AwsEndpoints endpoints = StoreEndpointsMapper.toAws(store.spec().getEndpoints());
          List<String> failoverRegions = provider.failoverRegions(store.spec());
          if (failoverRegions.isEmpty()) {
            failovers.forget(store.key());
            return new Handle(
                k,
                factory.create(
                    store,
                    credentials
                        .connection(identity, region, endpoints)
                        .forStore(store.key().toString()),
                    k));
          }
          return new Handle(k, inRegions(store, identity, region, failoverRegions, endpoints, k));
        });
  }

  /**
   * A backend per region (credentials from each region's STS), behind one that follows the store's
   * region health.
   */
  private SecretBackend inRegions(
      ResolvedStore store,
      AwsIdentity identity,
      String primary,
      List<String> failoverRegions,
      AwsEndpoints endpoints,
      BackendKey key) {
    List<String> regions = new ArrayList<>();
    regions.add(primary);
    regions.addAll(failoverRegions);
    Map<String, SecretBackend> byRegion = new LinkedHashMap<>();
    for (String region : regions) {
      byRegion.put(
          region,
          factory.createIn(
              store,
              region,
              credentials.connection(identity, region, endpoints).forStore(store.key().toString()),
              key));
    }
    RegionHealth health =
        failovers.healthOf(store, regions, FailoverPolicies.of(store.spec().getFailover()));
    return new FailoverBackend(byRegion, health);
  }

  /** Drops a backend no FideliusSecret reads any more; the next reader builds a new one. */
  public void evict(BackendKey key) {
    handles.remove(key);
    // The store's region health goes with its last backend (a deleted store, or one nothing reads):
    // a tenant creating and deleting stores must not grow it. A spec edit replaces the handle
    // before the old one is evicted, so the health of a store still in use survives.
    boolean inUse = handles.keySet().stream().anyMatch(k -> k.store().equals(key.store()));
    if (!inUse) {
      failovers.forget(key.store());
    }
  }

  public int size() {
    return handles.size();
  }
}
