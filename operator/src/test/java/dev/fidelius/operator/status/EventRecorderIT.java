package dev.fidelius.operator.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fidelius.operator.testsupport.KubeApiServer;
import dev.fidelius.operator.testsupport.TestServers;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Events leave in the background, and stopping sends what is still waiting. */
@ExtendWith(TestServers.class)
class EventRecorderIT {

  @Test
  void everyEventRecordedBeforeCloseReachesTheApiServer(KubeApiServer server) {
    String ns = "events-" + UUID.randomUUID().toString().substring(0, 8);
    try (KubernetesClient client = server.newClient()) {
      client
          .namespaces()
          .resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build())
          .create();
      ConfigMap about =
          client
              .configMaps()
              .inNamespace(ns)
              .resource(
                  new ConfigMapBuilder()
                      .withNewMetadata()
                      .withName("subject")
                      .withNamespace(ns)
                      .endMetadata()
                      .build())
              .create();

      EventRecorder events = new EventRecorder(client, Clock.systemUTC());
      for (int i = 0; i < 30; i++) {
        events.normal(about, "Synced", "change " + i);
      }
      events.warning(about, "NotFound", "gone");
      events.close();

      assertThat(client.v1().events().inNamespace(ns).list().getItems())
          .hasSize(31)
          .allSatisfy(
              e ->
                  assertThat(e.getInvolvedObject().getUid())
                      .isEqualTo(about.getMetadata().getUid()))
          .extracting(Event::getReason)
          .containsOnly("Synced", "NotFound");
    }
  }
}
