package dev.fidelius.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fidelius.operator.api.FideliusSecret;
import dev.fidelius.operator.api.StoreKind;
import dev.fidelius.operator.backend.Outcome;
import dev.fidelius.operator.backend.SecretBackend;
import dev.fidelius.operator.backend.SecretId;
import dev.fidelius.operator.backend.SecretListing;
import dev.fidelius.operator.backend.SecretRequest;
import dev.fidelius.operator.backend.SecretScope;
import dev.fidelius.operator.backend.SecretValue;
import dev.fidelius.operator.store.BackendKey;
import dev.fidelius.operator.store.StoreKey;
import dev.fidelius.operator.sweep.Interest;
import dev.fidelius.operator.sweep.Registration;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * JOSDK's deletion of a FideliusSecret clears everything change detection and the reconciler kept
 * for it.
 */
class ChangeEventSourceTest {

  private final List<BackendKey> evicted = new ArrayList<>();
  private final ChangeEventSource source =
      new ChangeEventSource(evicted::add, Duration.ofSeconds(10), Clock.systemUTC());

  @Test
  void aDeletedResourceIsForgottenItsBackendEvictedAndListenersTold() {
    FideliusSecret fsec = new FideliusSecret();
    fsec.setMetadata(new ObjectMetaBuilder().withName("app").withNamespace("team-a").build());
    ResourceID id = ResourceID.fromResource(fsec);
    BackendKey key =
        new BackendKey(
            new StoreKey(StoreKind.ClusterFideliusStore, null, "shared"), "u", 1, "operator");
    SecretId secret = SecretId.of("APP", null, "dev", "db");
    source.track(
        id,
        Optional.of(
            new Registration(
                key,
                new NoCalls(),
                new Interest(
                    Set.of(secret),
                    Set.of(),
                    Duration.ofMinutes(1),
                    Map.of(secret, "1"),
                    Map.of()))));
    List<ResourceID> told = new ArrayList<>();
    source.onDeleted(told::add);

    source.onResourceDeleted(fsec);

    assertThat(source.sweeper().resourceCount()).isZero();
    assertThat(source.sweeper().backendCount()).isZero();
    assertThat(evicted).containsExactly(key);
    assertThat(told).containsExactly(id);
  }

  private static final class NoCalls implements SecretBackend {
    @Override
    public Map<SecretId, Outcome<String>> currentVersions(Collection<SecretId> ids) {
      throw new AssertionError("not swept in this test");
    }

    @Override
    public Map<SecretRequest, Outcome<SecretValue>> read(Collection<SecretRequest> requests) {
      throw new AssertionError("not read in this test");
    }

    @Override
    public Outcome<List<SecretListing>> list(SecretScope scope) {
      throw new AssertionError("not listed in this test");
    }
  }
}
