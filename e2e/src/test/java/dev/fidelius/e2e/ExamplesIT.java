package dev.fidelius.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fidelius.e2e.quickstart.LocalExamples;
import dev.fidelius.e2e.support.Chart;
import dev.fidelius.e2e.support.Cluster;
import dev.fidelius.e2e.support.ProjectPaths;
import dev.fidelius.e2e.support.Rendered;
import dev.fidelius.operator.testsupport.KubeApiServer;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every example applies to a real API server with the chart's CRDs (their schemas validate every
 * field), and the examples hang together: each FideliusSecret's store, each rollout target and each
 * ServiceAccount a store names is among them. That each example also syncs, with every store Ready,
 * is what QuickstartIT shows.
 */
class ExamplesIT {

  private static KubeApiServer server;
  private static KubernetesClient client;

  @BeforeAll
  static void start() {
    server = KubeApiServer.start();
    client = server.newClient();
    Rendered chart = Chart.local().template("fidelius-operator", "fidelius-system", Map.of());
    for (HasMetadata crd : chart.ofKind("CustomResourceDefinition")) {
      client.resource(crd).serverSideApply();
    }
    new Cluster(client).awaitCrdsEstablished();
  }

  @AfterAll
  static void stop() {
    if (client != null) {
      client.close();
    }
    if (server != null) {
      server.close();
    }
  }

  /**
   * Applied, and stored with every field it was given: an API server of this age drops unknown
   * fields silently (the CRD schemas prune them), so a misspelt field shows up as one that did not
   * arrive.
   */
  @Test
  void everyExampleAppliesToARealApiServerWithEveryField() {
    List<Path> files = LocalExamples.files(ProjectPaths.examples());
    assertThat(files).hasSizeGreaterThanOrEqualTo(10);
    List<String> problems = new ArrayList<>();
    for (Path file : files) {
      for (GenericKubernetesResource resource : LocalExamples.documents(file)) {
        String what =
            file.getFileName() + ": " + resource.getKind() + " " + resource.getMetadata().getName();
        GenericKubernetesResource stored =
            client
                .genericKubernetesResources(resource.getApiVersion(), resource.getKind())
                .resource(resource)
                .serverSideApply();
        assertThat(stored.getMetadata().getUid()).as(what).isNotNull();
        missing(
            resource.getAdditionalProperties(), stored.getAdditionalProperties(), what, problems);
      }
    }
    assertThat(problems).as("fields the API server did not keep").isEmpty();
  }

  private static void missing(Object given, Object stored, String path, List<String> problems) {
    if (given instanceof Map<?, ?> map) {
      if (!(stored instanceof Map<?, ?> storedMap)) {
        problems.add(path + " (missing)");
        return;
      }
      map.forEach((k, v) -> missing(v, storedMap.get(k), path + "." + k, problems));
    } else if (given instanceof List<?> list) {
      if (!(stored instanceof List<?> storedList) || storedList.size() != list.size()) {
        problems.add(path + " (list differs: " + stored + ")");
        return;
      }
      for (int i = 0; i < list.size(); i++) {
        missing(list.get(i), storedList.get(i), path + "[" + i + "]", problems);
      }
    } else if (stored == null) {
      problems.add(path + " (dropped)");
    }
  }

  @Test
  void theExamplesCoverWhatTheyPromiseAndReferToEachOther() {
    List<GenericKubernetesResource> all = LocalExamples.load(ProjectPaths.examples());
    List<GenericKubernetesResource> stores =
        all.stream()
            .filter(r -> Set.of("ClusterFideliusStore", "FideliusStore").contains(r.getKind()))
            .toList();
    List<GenericKubernetesResource> secrets =
        all.stream().filter(r -> "FideliusSecret".equals(r.getKind())).toList();

    // A Fidelius store with IRSA, a Secrets Manager store, a cross-account store, a tenant's own
    // role.
    assertThat(stores)
        .anySatisfy(
            s -> {
              assertThat(at(s, "spec.provider.dynamodb")).isNotNull();
              assertThat(at(s, "spec.auth")).isNull();
            });
    assertThat(stores)
        .anySatisfy(s -> assertThat(at(s, "spec.provider.secretsManager")).isNotNull());
    assertThat(stores)
        .anySatisfy(s -> assertThat(at(s, "spec.auth.assumeRole.roleArn")).isNotNull());
    assertThat(stores)
        .anySatisfy(s -> assertThat(at(s, "spec.auth.serviceAccountRef.name")).isNotNull());
    assertThat(stores)
        .anySatisfy(s -> assertThat((List<?>) at(s, "spec.access.rules")).hasSizeGreaterThan(2));
    // FideliusSecrets with data, dataFrom find and extract, a template, a rollout restart.
    assertThat(secrets).anySatisfy(s -> assertThat(at(s, "spec.data")).isNotNull());
    assertThat(secrets)
        .anySatisfy(s -> assertThat(String.valueOf(at(s, "spec.dataFrom"))).contains("find"));
    assertThat(secrets)
        .anySatisfy(s -> assertThat(String.valueOf(at(s, "spec.dataFrom"))).contains("extract"));
    assertThat(secrets).anySatisfy(s -> assertThat(at(s, "spec.target.template.data")).isNotNull());
    assertThat(secrets)
        .anySatisfy(s -> assertThat(at(s, "spec.rolloutRestartTargets")).isNotNull());

    List<String> problems = new ArrayList<>();
    for (GenericKubernetesResource fsec : secrets) {
      String ns = fsec.getMetadata().getNamespace();
      String kind = String.valueOf(at(fsec, "spec.storeRef.kind"));
      String name = String.valueOf(at(fsec, "spec.storeRef.name"));
      boolean found =
          stores.stream()
              .anyMatch(
                  s ->
                      s.getKind().equals(kind)
                          && s.getMetadata().getName().equals(name)
                          && (kind.equals("ClusterFideliusStore")
                              || ns.equals(s.getMetadata().getNamespace())));
      if (!found) {
        problems.add(
            ns
                + "/"
                + fsec.getMetadata().getName()
                + " names "
                + kind
                + " "
                + name
                + ", not in examples/");
      }
      Object targets = at(fsec, "spec.rolloutRestartTargets");
      if (targets instanceof List<?> list) {
        for (Object t : list) {
          Map<?, ?> target = (Map<?, ?>) t;
          if (all.stream()
              .noneMatch(
                  r ->
                      r.getKind().equals(target.get("kind"))
                          && r.getMetadata().getName().equals(target.get("name"))
                          && ns.equals(r.getMetadata().getNamespace()))) {
            problems.add(
                ns
                    + "/"
                    + fsec.getMetadata().getName()
                    + " restarts "
                    + target
                    + ", not in examples/");
          }
        }
      }
    }
    for (GenericKubernetesResource store : stores) {
      Object sa = at(store, "spec.auth.serviceAccountRef.name");
      if (sa != null
          && all.stream()
              .noneMatch(
                  r ->
                      "ServiceAccount".equals(r.getKind())
                          && sa.equals(r.getMetadata().getName())
                          && store
                              .getMetadata()
                              .getNamespace()
                              .equals(r.getMetadata().getNamespace())
                          && r.getMetadata()
                              .getAnnotations()
                              .containsKey("eks.amazonaws.com/role-arn"))) {
        problems.add(
            store.getMetadata().getName()
                + " names ServiceAccount "
                + sa
                + ", not in examples/ with a role");
      }
    }
    assertThat(problems).isEmpty();
  }

  /** A value by dotted path in a resource's fields, or null. */
  private static Object at(GenericKubernetesResource resource, String path) {
    Object current = resource.getAdditionalProperties();
    for (String key : path.split("\\.")) {
      if (!(current instanceof Map<?, ?> map)) {
        return null;
      }
      current = map.get(key);
    }
    return current;
  }
}
