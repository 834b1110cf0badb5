package dev.fidelius.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fidelius.operator.api.FideliusSecret;
import dev.fidelius.operator.api.FideliusSecretStatus;
import dev.fidelius.operator.sync.SyncReport;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which updates reconcile, and when a force-sync value counts as honoured. */
class ForceSyncTest {

  @Test
  void aNewForceSyncValueReconcilesButAStatusOrLabelUpdateDoesNot() {
    FideliusSecret old = fsec(1L, null);

    assertThat(ForceSync.onUpdate().accept(fsec(1L, "1"), old)).isTrue();
    assertThat(ForceSync.onUpdate().accept(fsec(2L, null), old)).as("a spec change").isTrue();
    FideliusSecret statusOnly = fsec(1L, null);
    statusOnly.setStatus(new FideliusSecretStatus());
    statusOnly.getMetadata().setLabels(Map.of("team", "a"));
    assertThat(ForceSync.onUpdate().accept(statusOnly, old)).isFalse();
    assertThat(ForceSync.onUpdate().accept(fsec(1L, "1"), fsec(1L, "1"))).isFalse();
  }

  @Test
  void aValueIsPendingUntilASyncThatReadTheStoreHonoursIt() {
    FideliusSecret fsec = fsec(1L, "1700000000");
    assertThat(ForceSync.pending(fsec)).isTrue();

    SyncReport failedBeforeReading =
        SyncReport.failure("StoreNotReady", "no store", true, Duration.ZERO, "x");
    assertThat(ForceSync.honoured(fsec, true, failedBeforeReading)).isNull();
    assertThat(ForceSync.honoured(fsec, true, failedBeforeReading.withSources(List.of())))
        .isEqualTo("1700000000");

    fsec.setStatus(new FideliusSecretStatus());
    fsec.getStatus().setForceSyncHonoured("1700000000");
    assertThat(ForceSync.pending(fsec)).isFalse();
  }

  @Test
  void aHugeValueIsBounded() {
    FideliusSecret fsec = fsec(1L, "x".repeat(10_000));

    assertThat(ForceSync.requested(fsec)).hasSize(ForceSync.MAX_VALUE);
  }

  private static FideliusSecret fsec(Long generation, String forceSync) {
    FideliusSecret fsec = new FideliusSecret();
    var meta =
        new ObjectMetaBuilder().withName("app").withNamespace("ns").withGeneration(generation);
    if (forceSync != null) {
      meta.addToAnnotations("fidelius.dev/force-sync", forceSync);
    }
    fsec.setMetadata(meta.build());
    return fsec;
  }
}
