package dev.fidelius.operator.store;

import dev.fidelius.operator.aws.AwsIdentity;
import dev.fidelius.operator.aws.CredentialsCache;
import dev.fidelius.operator.backend.SecretBackend;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.regions.Region;

/**
 * One backend per (store spec generation, AWS identity), shared by every FideliusSecret that reads the store
 * as that identity: they share AWS clients, change detection and (through the factory's value cache)
 * decrypted values. A store whose spec changed gets new backends; the old ones are dropped.
 */
public final class BackendRegistry {

  /** A backend and the key that identifies it for change detection. */
  public record Handle(String key, ResolvedStore store, AwsIdentity identity, SecretBackend backend) {}

  private final BackendFactory factory;
  private final CredentialsCache credentials;
  private final Map<String, Handle> handles = new ConcurrentHashMap<>();

  public BackendRegistry(BackendFactory factory, CredentialsCache credentials) {
    this.factory = factory;
    this.credentials = credentials;
  }

  public Handle backendFor(ResolvedStore store, AwsIdentity identity) {
    String key = store.cacheKey() + "|" + identity.key();
    return handles.computeIfAbsent(key, k -> {
      forgetOlderGenerations(store);
      Region region = Region.of(regionOf(store));
      var endpoints = StoreEndpointsMapper.toAws(store.spec().getEndpoints());
      var creds = credentials.credentials(identity, region, endpoints.stsOverride());
      return new Handle(k, store, identity, factory.create(store, creds, k));
    });
  }

  /** Drops every backend of a deleted store. */
  public void forget(String storeKind, String namespace, String name) {
    String prefix = storeKind + "/" + (namespace == null ? "" : namespace + "/") + name + "@";
    handles.keySet().removeIf(k -> k.startsWith(prefix));
  }

  public int size() {
    return handles.size();
  }

  private void forgetOlderGenerations(ResolvedStore store) {
    String prefix = store.kind() + "/" + (store.namespace() == null ? "" : store.namespace() + "/") + store.name() + "@";
    String current = store.cacheKey() + "|";
    handles.keySet().removeIf(k -> k.startsWith(prefix) && !k.startsWith(current));
  }

  static String regionOf(ResolvedStore store) {
    var provider = store.spec().getProvider();
    if (provider.getParameterStore() != null) {
      return provider.getParameterStore().getRegion();
    }
    if (provider.getS3() != null) {
      return provider.getS3().getRegion();
    }
    return provider.getDynamodb() != null ? provider.getDynamodb().getRegion() : provider.getSecretsManager().getRegion();
  }
}
