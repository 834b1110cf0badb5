package dev.fidelius.operator.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fidelius.operator.api.FideliusStoreSpec;
import dev.fidelius.operator.api.StoreKind;
import dev.fidelius.operator.aws.AwsConnection;
import dev.fidelius.operator.aws.AwsIdentity;
import dev.fidelius.operator.aws.CredentialsCache;
import dev.fidelius.operator.backend.SecretBackend;
import dev.fidelius.operator.backend.failover.FailoverBackend;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;

/** Stores with failover regions: a backend per region, one region health per store. */
class FailoverRegistryTest {

  private final List<String> regionsConnected = new ArrayList<>();
  private final RegionFailovers failovers = new RegionFailovers(Clock.systemUTC());
  private final BackendRegistry registry =
      new BackendRegistry(
          ProviderRegistry.standard(),
          new CredentialsCache(null, AnonymousCredentialsProvider.create(), null),
          new BackendFactory() {
            @Override
            public SecretBackend create(
                ResolvedStore store, AwsConnection connection, BackendKey key) {
              regionsConnected.add("default");
              return noop();
            }

            @Override
            public SecretBackend createIn(
                ResolvedStore store, String region, AwsConnection connection, BackendKey key) {
              regionsConnected.add(region);
              return noop();
            }
          },
          failovers);

  @Test
  void aStoreWithFailoverRegionsReadsThroughABackendPerRegion() {
    var handle =
        registry.backendFor(
            store(
                1, "secretsManager: {region: us-east-1, failoverRegions: [us-west-2, eu-west-1]}"),
            new AwsIdentity.Operator());

    assertThat(handle.backend()).isInstanceOf(FailoverBackend.class);
    assertThat(regionsConnected).containsExactly("us-east-1", "us-west-2", "eu-west-1");
    assertThat(handle.backend().serving().orElseThrow().region()).isEqualTo("us-east-1");
    assertThat(failovers.servingFlags())
        .containsEntry(
            "ClusterFideliusStore shared",
            java.util.Map.of("us-east-1", true, "us-west-2", false, "eu-west-1", false));
  }

  @Test
  void theFideliusStoreFailsOverToo() {
    var handle =
        registry.backendFor(
            store(1, "dynamodb: {region: us-east-1, failoverRegions: [us-west-2]}"),
            new AwsIdentity.Operator());
    assertThat(handle.backend()).isInstanceOf(FailoverBackend.class);
    assertThat(regionsConnected).containsExactly("us-east-1", "us-west-2");
  }

  @Test
  void identitiesOfOneStoreShareItsRegionHealthAcrossSpecChangesThatKeepTheRegions() {
    String provider = "secretsManager: {region: us-east-1, failoverRegions: [us-west-2]}";
    registry.backendFor(store(1, provider), new AwsIdentity.Operator());
    var first = failovers.serving(new StoreKey(StoreKind.ClusterFideliusStore, null, "shared"));
    registry.backendFor(store(2, provider), new AwsIdentity.Operator());
    var second = failovers.serving(new StoreKey(StoreKind.ClusterFideliusStore, null, "shared"));
    assertThat(second.orElseThrow().since()).isEqualTo(first.orElseThrow().since());
  }

  @Test
  void aStoreNothingReadsAnyMoreLosesItsRegionHealthButNotWhileAnotherBackendUsesIt() {
    String provider = "secretsManager: {region: us-east-1, failoverRegions: [us-west-2]}";
    var operator = registry.backendFor(store(1, provider), new AwsIdentity.Operator());
    var tenant =
        registry.backendFor(
            store(1, provider),
            new AwsIdentity.ServiceAccount("team-a", "reader", "arn:role", "sts.amazonaws.com"));
    StoreKey key = new StoreKey(StoreKind.ClusterFideliusStore, null, "shared");

    registry.evict(operator.key());
    assertThat(failovers.serving(key)).isPresent();
    registry.evict(tenant.key());
    assertThat(failovers.serving(key)).isEmpty();
    assertThat(failovers.servingFlags()).isEmpty();
  }

  @Test
  void aStoreWithoutFailoverRegionsReadsInItsRegionOnly() {
    var handle =
        registry.backendFor(
            store(1, "secretsManager: {region: us-east-1}"), new AwsIdentity.Operator());
    assertThat(handle.backend()).isNotInstanceOf(FailoverBackend.class);
    assertThat(handle.backend().serving()).isEmpty();
    assertThat(failovers.servingFlags()).isEmpty();
  }

  private static SecretBackend noop() {
    return (SecretBackend)
        Proxy.newProxyInstance(
            FailoverRegistryTest.class.getClassLoader(),
            new Class<?>[] {SecretBackend.class},
            (proxy, method, args) ->
                method.isDefault()
                    ? java.lang.reflect.InvocationHandler.invokeDefault(proxy, method, args)
                    : null);
  }

  private static ResolvedStore store(long generation, String provider) {
    FideliusStoreSpec spec =
        Serialization.unmarshal(
            "provider: {" + provider + "}\nfailover: {after: 10s}", FideliusStoreSpec.class);
    return new ResolvedStore(
        StoreKind.ClusterFideliusStore, null, "shared", "uid-1", generation, spec);
  }
}
