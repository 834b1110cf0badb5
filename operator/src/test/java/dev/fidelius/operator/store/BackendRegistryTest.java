package dev.fidelius.operator.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fidelius.operator.api.FideliusStoreSpec;
import dev.fidelius.operator.api.StoreKind;
import dev.fidelius.operator.aws.AwsIdentity;
import dev.fidelius.operator.aws.CredentialsCache;
import dev.fidelius.operator.backend.SecretBackend;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;

/**
 * One backend per (store generation, identity); older generations and evicted backends are dropped.
 */
class BackendRegistryTest {

  private final List<BackendKey> created = new ArrayList<>();
  private final BackendRegistry registry =
      new BackendRegistry(
          ProviderRegistry.standard(),
          new CredentialsCache(null, AnonymousCredentialsProvider.create(), null),
          (store, connection, key) -> {
            created.add(key);
            return (SecretBackend)
                Proxy.newProxyInstance(
                    getClass().getClassLoader(),
                    new Class<?>[] {SecretBackend.class},
                    (proxy, method, args) -> null);
          });

  @Test
  void readersOfOneStoreAsOneIdentityShareABackend() {
    var first = registry.backendFor(store(1), new AwsIdentity.Operator());
    var second = registry.backendFor(store(1), new AwsIdentity.Operator());

    assertThat(second).isSameAs(first);
    assertThat(created).hasSize(1);
    assertThat(first.key().cachePartition())
        .isEqualTo("ClusterFideliusStore/shared@uid-1#1|operator");
  }

  @Test
  void aChangedStoreDropsTheBackendsOfItsOlderSpec() {
    registry.backendFor(store(1), new AwsIdentity.Operator());

    registry.backendFor(store(2), new AwsIdentity.Operator());

    assertThat(registry.size()).isEqualTo(1);
  }

  @Test
  void anEvictedBackendIsBuiltAgainWhenNeeded() {
    var handle = registry.backendFor(store(1), new AwsIdentity.Operator());

    registry.evict(handle.key());

    assertThat(registry.size()).isZero();
    registry.backendFor(store(1), new AwsIdentity.Operator());
    assertThat(created).hasSize(2);
  }

  private static ResolvedStore store(long generation) {
    FideliusStoreSpec spec =
        Serialization.unmarshal(
            "provider: {secretsManager: {region: us-east-1}}", FideliusStoreSpec.class);
    return new ResolvedStore(
        StoreKind.ClusterFideliusStore, null, "shared", "uid-1", generation, spec);
  }
}
