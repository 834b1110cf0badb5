package dev.fidelius.operator.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The real API server takes a CRD with a status subresource, server-side apply, and watches. */
@ExtendWith(TestServers.class)
class KubeApiServerSmokeIT {

  private static KubernetesClient client;

  @BeforeAll
  static void connect(KubeApiServer server) {
    client = server.newClient();
    client
        .namespaces()
        .resource(new NamespaceBuilder().withNewMetadata().withName("smoke").endMetadata().build())
        .serverSideApply();
  }

  @AfterAll
  static void disconnect() {
    client.close();
  }

  @Test
  void crdWithStatusSubresourceSeparatesSpecFromStatus() throws Exception {
    CustomResourceDefinition crd =
        new CustomResourceDefinitionBuilder()
            .withNewMetadata()
            .withName("widgets.smoke.fidelius.dev")
            .endMetadata()
            .withNewSpec()
            .withGroup("smoke.fidelius.dev")
            .withScope("Namespaced")
            .withNewNames()
            .withKind("Widget")
            .withPlural("widgets")
            .withSingular("widget")
            .endNames()
            .addNewVersion()
            .withName("v1")
            .withServed(true)
            .withStorage(true)
            .withNewSubresources()
            .withNewStatus()
            .endStatus()
            .endSubresources()
            .withNewSchema()
            .withNewOpenAPIV3Schema()
            .withType("object")
            .withXKubernetesPreserveUnknownFields(true)
            .endOpenAPIV3Schema()
            .endSchema()
            .endVersion()
            .endSpec()
            .build();
    client.apiextensions().v1().customResourceDefinitions().resource(crd).serverSideApply();
    client
        .apiextensions()
        .v1()
        .customResourceDefinitions()
        .withName(crd.getMetadata().getName())
        .waitUntilCondition(
            c ->
                c.getStatus() != null
                    && c.getStatus().getConditions() != null
                    && c.getStatus().getConditions().stream()
                        .anyMatch(
                            cond ->
                                "Established".equals(cond.getType())
                                    && "True".equals(cond.getStatus())),
            30,
            TimeUnit.SECONDS);

    ResourceDefinitionContext widgets =
        new ResourceDefinitionContext.Builder()
            .withGroup("smoke.fidelius.dev")
            .withVersion("v1")
            .withPlural("widgets")
            .withNamespaced(true)
            .build();
    GenericKubernetesResource widget =
        Serialization.unmarshal(
            """
        apiVersion: smoke.fidelius.dev/v1
        kind: Widget
        metadata: {name: w1, namespace: smoke}
        spec: {size: 3}
        status: {ignored: true}
        """,
            GenericKubernetesResource.class);
    GenericKubernetesResource created =
        client.genericKubernetesResources(widgets).inNamespace("smoke").resource(widget).create();
    // With a status subresource, status sent on the main resource is dropped by the server.
    assertThat(created.getAdditionalProperties()).doesNotContainKey("status");

    created.getAdditionalProperties().put("status", Map.of("phase", "Ready"));
    GenericKubernetesResource updated =
        client
            .genericKubernetesResources(widgets)
            .inNamespace("smoke")
            .resource(created)
            .updateStatus();
    assertThat(updated.getAdditionalProperties().get("status")).isEqualTo(Map.of("phase", "Ready"));
    assertThat(updated.getMetadata().getGeneration())
        .isEqualTo(created.getMetadata().getGeneration());
  }

  @Test
  void serverSideApplyOfASecretIsSeenByAWatch() throws Exception {
    List<String> events = new CopyOnWriteArrayList<>();
    CountDownLatch modified = new CountDownLatch(1);
    try (Watch ignored =
        client
            .secrets()
            .inNamespace("smoke")
            .withName("applied")
            .watch(
                new Watcher<>() {
                  @Override
                  public void eventReceived(Action action, Secret resource) {
                    events.add(action + ":" + resource.getData().keySet());
                    if (action == Action.MODIFIED) {
                      modified.countDown();
                    }
                  }

                  @Override
                  public void onClose(WatcherException cause) {}
                })) {
      PatchContext ssa =
          new PatchContext.Builder()
              .withPatchType(PatchType.SERVER_SIDE_APPLY)
              .withFieldManager("fidelius-smoke")
              .withForce(true)
              .build();
      Secret first =
          new SecretBuilder()
              .withNewMetadata()
              .withName("applied")
              .withNamespace("smoke")
              .endMetadata()
              .addToStringData("a", "1")
              .build();
      client.secrets().inNamespace("smoke").resource(first).patch(ssa);
      Secret second = new SecretBuilder(first).addToStringData("b", "2").build();
      Secret result = client.secrets().inNamespace("smoke").resource(second).patch(ssa);

      assertThat(result.getData()).containsOnlyKeys("a", "b");
      assertThat(result.getMetadata().getManagedFields())
          .anyMatch(
              f -> "fidelius-smoke".equals(f.getManager()) && "Apply".equals(f.getOperation()));
      assertThat(modified.await(20, TimeUnit.SECONDS))
          .as("watch saw the update, events: %s", events)
          .isTrue();
      assertThat(events).first().asString().startsWith("ADDED");
    }
  }
}
