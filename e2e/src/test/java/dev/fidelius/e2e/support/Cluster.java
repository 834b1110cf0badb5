package dev.fidelius.e2e.support;

import dev.fidelius.operator.api.FideliusSecret;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** What e2e tests do with the API server as an administrator: apply manifests, read status and Secrets, wait. */
public final class Cluster {

  public static final Duration WAIT = Duration.ofSeconds(60);

  private final KubernetesClient client;

  public Cluster(KubernetesClient client) {
    this.client = client;
  }

  public KubernetesClient client() {
    return client;
  }

  /** Server-side applies every document of the YAML. */
  public void apply(String yaml) {
    client.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8))).serverSideApply();
  }

  public void namespace(String name, Map<String, String> labels) {
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).withLabels(labels)
        .endMetadata().build()).serverSideApply();
  }

  public void awaitCrdsEstablished() {
    for (String name : new String[] {"fideliussecrets.fidelius.dev", "fideliusstores.fidelius.dev",
        "clusterfideliusstores.fidelius.dev"}) {
      client.apiextensions().v1().customResourceDefinitions().withName(name)
          .waitUntilCondition(Cluster::established, WAIT.toSeconds(), TimeUnit.SECONDS);
    }
  }

  private static boolean established(CustomResourceDefinition crd) {
    return crd != null && crd.getStatus() != null && crd.getStatus().getConditions().stream()
        .anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  public FideliusSecret fsec(String namespace, String name) {
    return client.resources(FideliusSecret.class).inNamespace(namespace).withName(name).get();
  }

  public Optional<Condition> ready(String namespace, String name) {
    FideliusSecret f = fsec(namespace, name);
    if (f == null || f.getStatus() == null || f.getStatus().getConditions() == null) {
      return Optional.empty();
    }
    return f.getStatus().getConditions().stream().filter(c -> "Ready".equals(c.getType())).findFirst();
  }

  public void awaitReady(String namespace, String name) {
    await(namespace + "/" + name + " Ready", () -> ready(namespace, name)
        .map(c -> "True".equals(c.getStatus())).orElse(false), () -> "status: " + ready(namespace, name));
  }

  /** A key of a Secret, decoded; null when the Secret or key is absent. */
  public String value(String namespace, String secret, String key) {
    Secret s = client.secrets().inNamespace(namespace).withName(secret).get();
    String encoded = s == null || s.getData() == null ? null : s.getData().get(key);
    return encoded == null ? null : new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
  }

  public static void await(String what, BooleanSupplier condition) {
    await(what, condition, () -> "");
  }

  /** Polls until the condition holds; the failure names what was awaited and the current state. */
  public static void await(String what, BooleanSupplier condition, Supplier<String> state) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      try {
        if (condition.getAsBoolean()) {
          return;
        }
      } catch (RuntimeException notYet) {
        // the resource may not exist yet
      }
      sleep(250);
    }
    throw new AssertionError("timed out after " + WAIT.toSeconds() + "s waiting for " + what + " " + state.get());
  }

  public static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }
}
