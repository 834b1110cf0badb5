package io.javaoperatorsdk.operator.processing.event;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fidelius.operator.api.FideliusSecret;
import dev.fidelius.operator.reconciler.StartOrder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The read-ahead's order ({@link StartOrder}) is the order in which JOSDK's event processor, once
 * started, submits the resources whose events came before: the iteration order of its
 * package-private {@link ResourceStateManager}, which this test, in JOSDK's package, reads
 * directly. A JOSDK upgrade that changes it fails here (the read-ahead would then meet the syncs at
 * random again: slower, never wrong).
 */
class StartOrderTest {

  @Test
  void theReadAheadFollowsTheOrderJosdkStartsReconcilesIn() {
    List<FideliusSecret> listed =
        IntStream.range(0, 5000)
            .mapToObj(i -> fsec("ns-" + (i % 7), "fsec-" + i))
            .sorted((a, b) -> a.getMetadata().getName().compareTo(b.getMetadata().getName()))
            .toList();

    ResourceStateManager josdk = new ResourceStateManager();
    for (FideliusSecret f : listed) {
      josdk.getOrCreate(ResourceID.fromResource(f)).markEventReceived(false);
    }
    List<ResourceID> josdkOrder =
        josdk.resourcesWithEventPresent().stream().map(ResourceState::getId).toList();

    var ours = StartOrder.of(listed.stream());

    assertThat(ours.stream().map(ResourceID::fromResource).toList())
        .containsExactlyElementsOf(josdkOrder);
    assertThat(josdkOrder)
        .as("not simply the listing order (else this test would prove nothing)")
        .isNotEqualTo(listed.stream().map(ResourceID::fromResource).toList());
  }

  private static FideliusSecret fsec(String namespace, String name) {
    FideliusSecret f = new FideliusSecret();
    f.setMetadata(new ObjectMetaBuilder().withNamespace(namespace).withName(name).build());
    return f;
  }
}
