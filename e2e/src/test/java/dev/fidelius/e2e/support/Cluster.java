package dev.fidelius.e2e.support;

import dev.fidelius.operator.api.ClusterFideliusStore;
import dev.fidelius.operator.api.CrdManifests;
import dev.fidelius.operator.api.FideliusSecret;
import dev.fidelius.operator.api.FideliusStore;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * What e2e tests do with the API server as its administrator, through a fabric8 client of the test:
 * install CRDs, apply manifests, make namespaces and workloads, read status, Secrets and restarts,
 * wait for Ready.
 */
public final class Cluster {

  private static final List<String> CRDS =
      List.of(
          "fideliussecrets.fidelius.dev",
          "fideliusstores.fidelius.dev",
          "clusterfideliusstores.fidelius.dev");

  private final KubernetesClient client;

  public Cluster(KubernetesClient client) {
    this.client = client;
  }

  public KubernetesClient client() {
    return client;
  }

  /**
   * Installs the CRDs from crds/, as {@code kubectl apply -f crds/} does, and waits until they are
   * served.
   */
  public void installCrds() {
    for (var crd : CrdManifests.load()) {
      client
          .apiextensions()
          .v1()
          .customResourceDefinitions()
          .resource(crd)
          .forceConflicts()
          .serverSideApply();
    }
    awaitCrdsEstablished();
  }

  /** Waits until the three CRDs (installed by a chart, crds/ or a test) are served. */
  public void awaitCrdsEstablished() {
    for (String name : CRDS) {
      client
          .apiextensions()
          .v1()
          .customResourceDefinitions()
          .withName(name)
          .waitUntilCondition(
              Cluster::established, Await.DEFAULT_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }
  }

  private static boolean established(CustomResourceDefinition crd) {
    return crd != null
        && crd.getStatus() != null
        && crd.getStatus().getConditions() != null
        && crd.getStatus().getConditions().stream()
            .anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  public void namespace(String name) {
    namespace(name, Map.of());
  }

  public void namespace(String name, Map<String, String> labels) {
    client
        .namespaces()
        .resource(
            new NamespaceBuilder()
                .withNewMetadata()
                .withName(name)
                .withLabels(labels)
                .endMetadata()
                .build())
        .serverSideApply();
  }

  /**
   * Server-side apply of every document of the YAML (stores, FideliusSecrets, ...), taking over
   * conflicts.
   */
  public void apply(String yaml) {
    client
        .load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)))
        .forceConflicts()
        .serverSideApply();
  }

  public FideliusSecret fsec(String namespace, String name) {
    return client.resources(FideliusSecret.class).inNamespace(namespace).withName(name).get();
  }

  public Optional<Condition> ready(String namespace, String name) {
    FideliusSecret f = fsec(namespace, name);
    if (f == null || f.getStatus() == null || f.getStatus().getConditions() == null) {
      return Optional.empty();
    }
    return f.getStatus().getConditions().stream()
        .filter(c -> "Ready".equals(c.getType()))
        .findFirst();
  }

  /** Waits until the FideliusSecret is Ready=True, whatever the reason. */
  public void awaitReady(String namespace, String name) {
    Await.until(
        namespace + "/" + name + " Ready",
        () -> ready(namespace, name).map(c -> "True".equals(c.getStatus())).orElse(false),
        () -> "status: " + ready(namespace, name));
  }

  public String reason(String namespace, String name) {
    return ready(namespace, name).map(Condition::getReason).orElse("");
  }

  public String message(String namespace, String name) {
    return ready(namespace, name).map(Condition::getMessage).orElse("");
  }

  /** Ready=True with reason Synced, for the current generation. */
  public boolean synced(String namespace, String name) {
    FideliusSecret f = fsec(namespace, name);
    if (f == null || f.getStatus() == null) {
      return false;
    }
    return ready(namespace, name)
        .map(
            c ->
                "True".equals(c.getStatus())
                    && "Synced".equals(c.getReason())
                    && java.util.Objects.equals(
                        c.getObservedGeneration(), f.getMetadata().getGeneration()))
        .orElse(false);
  }

  /**
   * For every FideliusSecret of the namespace, whether it is Synced (one LIST, for tight polling).
   */
  public Map<String, Boolean> syncedByName(String namespace) {
    Map<String, Boolean> out = new TreeMap<>();
    for (FideliusSecret f :
        client.resources(FideliusSecret.class).inNamespace(namespace).list().getItems()) {
      boolean synced =
          f.getStatus() != null
              && f.getStatus().getConditions() != null
              && f.getStatus().getConditions().stream()
                  .anyMatch(
                      c ->
                          "Ready".equals(c.getType())
                              && "True".equals(c.getStatus())
                              && "Synced".equals(c.getReason())
                              && java.util.Objects.equals(
                                  c.getObservedGeneration(), f.getMetadata().getGeneration()));
      out.put(f.getMetadata().getName(), synced);
    }
    return out;
  }

  public Optional<Condition> storeReady(String namespace, String name) {
    var status =
        namespace == null
            ? Optional.ofNullable(client.resources(ClusterFideliusStore.class).withName(name).get())
                .map(ClusterFideliusStore::getStatus)
            : Optional.ofNullable(
                    client
                        .resources(FideliusStore.class)
                        .inNamespace(namespace)
                        .withName(name)
                        .get())
                .map(FideliusStore::getStatus);
    return status.flatMap(
        s ->
            s.getConditions() == null
                ? Optional.empty()
                : s.getConditions().stream().filter(c -> "Ready".equals(c.getType())).findFirst());
  }

  /** A key of a Secret, decoded; null when the Secret or the key is absent. */
  public String value(String namespace, String secret, String key) {
    return secretData(namespace, secret).get(key);
  }

  /** The Secret's data, decoded; empty when the Secret does not exist. */
  public Map<String, String> secretData(String namespace, String name) {
    Secret s = client.secrets().inNamespace(namespace).withName(name).get();
    Map<String, String> out = new TreeMap<>();
    if (s != null && s.getData() != null) {
      s.getData()
          .forEach(
              (k, v) ->
                  out.put(k, new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8)));
    }
    return out;
  }

  /**
   * A Deployment to restart (no controller manager runs, so it never gets pods; its template is
   * what counts).
   */
  public void deployment(String namespace, String name) {
    client
        .apps()
        .deployments()
        .inNamespace(namespace)
        .resource(
            new DeploymentBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(namespace)
                .endMetadata()
                .withNewSpec()
                .withReplicas(1)
                .withNewSelector()
                .addToMatchLabels("app", name)
                .endSelector()
                .withNewTemplate()
                .withNewMetadata()
                .addToLabels("app", name)
                .endMetadata()
                .withNewSpec()
                .addNewContainer()
                .withName("app")
                .withImage("registry.invalid/app:1")
                .endContainer()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build())
        .serverSideApply();
  }

  /** A StatefulSet to restart (never gets pods either). */
  public void statefulSet(String namespace, String name) {
    client
        .apps()
        .statefulSets()
        .inNamespace(namespace)
        .resource(
            new StatefulSetBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(namespace)
                .endMetadata()
                .withNewSpec()
                .withReplicas(1)
                .withServiceName(name)
                .withNewSelector()
                .addToMatchLabels("app", name)
                .endSelector()
                .withNewTemplate()
                .withNewMetadata()
                .addToLabels("app", name)
                .endMetadata()
                .withNewSpec()
                .addNewContainer()
                .withName("app")
                .withImage("registry.invalid/app:1")
                .endContainer()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build())
        .serverSideApply();
  }

  /**
   * Pod-template changes (rollout restarts) of a Deployment since creation: metadata.generation -
   * 1.
   */
  public long restarts(String namespace, String deployment) {
    Deployment d = client.apps().deployments().inNamespace(namespace).withName(deployment).get();
    return d.getMetadata().getGeneration() - 1;
  }

  /** Pod-template changes of a StatefulSet since creation. */
  public long statefulSetRestarts(String namespace, String name) {
    return client
            .apps()
            .statefulSets()
            .inNamespace(namespace)
            .withName(name)
            .get()
            .getMetadata()
            .getGeneration()
        - 1;
  }

  /**
   * The data hash a workload was last restarted for, from its {@code checksum.fidelius.dev/<fsec>}
   * annotation.
   */
  public String restartedFor(String namespace, String deployment, String fsec) {
    Deployment d = client.apps().deployments().inNamespace(namespace).withName(deployment).get();
    Map<String, String> a = d.getSpec().getTemplate().getMetadata().getAnnotations();
    return a == null ? null : a.get("checksum.fidelius.dev/" + fsec);
  }

  /**
   * Every text the operator writes into the cluster that is not a Secret: Events (all namespaces)
   * and the status of every FideliusSecret, FideliusStore and ClusterFideliusStore, for the secrecy
   * audit.
   */
  public Map<String, String> operatorWrittenTexts() {
    Map<String, String> texts = new LinkedHashMap<>();
    for (Event e : client.v1().events().inAnyNamespace().list().getItems()) {
      texts.put(
          "Event " + e.getMetadata().getNamespace() + "/" + e.getMetadata().getName(),
          e.getReason() + " " + e.getMessage());
    }
    for (FideliusSecret f :
        client.resources(FideliusSecret.class).inAnyNamespace().list().getItems()) {
      texts.put(
          "FideliusSecret "
              + f.getMetadata().getNamespace()
              + "/"
              + f.getMetadata().getName()
              + " status",
          Serialization.asJson(f.getStatus()));
    }
    for (FideliusStore s :
        client.resources(FideliusStore.class).inAnyNamespace().list().getItems()) {
      texts.put(
          "FideliusStore "
              + s.getMetadata().getNamespace()
              + "/"
              + s.getMetadata().getName()
              + " status",
          Serialization.asJson(s.getStatus()));
    }
    for (ClusterFideliusStore s : client.resources(ClusterFideliusStore.class).list().getItems()) {
      texts.put(
          "ClusterFideliusStore " + s.getMetadata().getName() + " status",
          Serialization.asJson(s.getStatus()));
    }
    return texts;
  }
}
