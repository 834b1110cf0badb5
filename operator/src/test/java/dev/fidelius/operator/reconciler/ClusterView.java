package dev.fidelius.operator.reconciler;

import dev.fidelius.operator.api.FideliusSecret;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * What a tenant does and sees through the API server: applies YAML, reads FideliusSecrets' Ready
 * conditions and Secrets, waits for the operator. Assertion messages name resources and reasons,
 * never values.
 */
final class ClusterView {

  private final KubernetesClient kube;
  private final Duration wait;

  ClusterView(KubernetesClient kube, Duration wait) {
    this.kube = kube;
    this.wait = wait;
  }

  KubernetesClient kube() {
    return kube;
  }

  /** Server-side apply of a resource the Java model can express. */
  void apply(String yaml) {
    kube.resource((HasMetadata) Serialization.unmarshal(yaml)).serverSideApply();
  }

  /**
   * Creates a resource exactly as written, fields the Java model lacks included (a namespace in a
   * reference, say), and returns what the API server stored: its structural schema prunes unknown
   * fields.
   */
  GenericKubernetesResource createRaw(String yaml) {
    GenericKubernetesResource resource =
        Serialization.unmarshal(yaml, GenericKubernetesResource.class);
    var resources = kube.genericKubernetesResources(resource.getApiVersion(), resource.getKind());
    String namespace = resource.getMetadata().getNamespace();
    return namespace == null
        ? resources.resource(resource).create()
        : resources.inNamespace(namespace).resource(resource).create();
  }

  FideliusSecret fsec(String namespace, String name) {
    return kube.resources(FideliusSecret.class).inNamespace(namespace).withName(name).get();
  }

  Secret secret(String namespace, String name) {
    return kube.secrets().inNamespace(namespace).withName(name).get();
  }

  Optional<Condition> ready(String namespace, String name) {
    FideliusSecret f = fsec(namespace, name);
    if (f == null || f.getStatus() == null || f.getStatus().getConditions() == null) {
      return Optional.empty();
    }
    return f.getStatus().getConditions().stream()
        .filter(c -> "Ready".equals(c.getType()))
        .findFirst();
  }

  String reason(String namespace, String name) {
    return ready(namespace, name).map(Condition::getReason).orElse(null);
  }

  /**
   * Waits until the Ready condition has this reason (for the current generation) and returns it. On
   * timeout the error shows the condition last seen: condition messages never hold values.
   */
  Condition awaitReason(String namespace, String name, String reason) {
    try {
      await(
          namespace + "/" + name + " " + reason,
          () ->
              ready(namespace, name)
                  .filter(c -> reason.equals(c.getReason()))
                  .filter(
                      c ->
                          c.getObservedGeneration() == null
                              || c.getObservedGeneration()
                                  .equals(fsec(namespace, name).getMetadata().getGeneration()))
                  .isPresent());
    } catch (AssertionError timedOut) {
      throw new AssertionError(
          timedOut.getMessage()
              + "; last seen: "
              + ready(namespace, name)
                  .map(c -> c.getReason() + ": " + c.getMessage())
                  .orElse("no Ready condition"),
          timedOut);
    }
    return ready(namespace, name).orElseThrow();
  }

  Condition awaitReady(String namespace, String name) {
    return awaitReason(namespace, name, "Synced");
  }

  /**
   * Waits until the operator has completed {@code more} further successful syncs of a
   * FideliusSecret, counted as advances of its status.lastRefreshTime: every sync that read its
   * sources stamps it (to the second; a refresh that changed nothing writes it only every 4
   * refreshIntervals, see StatusProjection), so this suits resources with a short interval. Called
   * before asserting that the operator did NOT do something (restart, rewrite), it proves the
   * operator had that many chances to do it. An advance missed between two polls only makes the
   * wait longer.
   */
  void awaitMoreSyncs(String namespace, String name, int more) {
    Instant[] last = {lastRefreshTime(namespace, name)};
    int[] seen = {0};
    try {
      await(
          more + " more syncs of " + namespace + "/" + name,
          () -> {
            Instant now = lastRefreshTime(namespace, name);
            if (now != null && (last[0] == null || now.isAfter(last[0]))) {
              seen[0]++;
              last[0] = now;
            }
            return seen[0] >= more;
          });
    } catch (AssertionError timedOut) {
      throw new AssertionError(
          timedOut.getMessage()
              + "; syncs seen: "
              + seen[0]
              + ", reason: "
              + reason(namespace, name),
          timedOut);
    }
  }

  private Instant lastRefreshTime(String namespace, String name) {
    FideliusSecret f = fsec(namespace, name);
    return f == null || f.getStatus() == null || f.getStatus().getLastRefreshTime() == null
        ? null
        : Instant.parse(f.getStatus().getLastRefreshTime());
  }

  /** The UTF-8 value of a Secret's key, or null. */
  static String value(Secret secret, String key) {
    String encoded = secret == null || secret.getData() == null ? null : secret.getData().get(key);
    return encoded == null
        ? null
        : new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
  }

  void await(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + wait.toNanos();
    while (System.nanoTime() < deadline) {
      try {
        if (condition.getAsBoolean()) {
          return;
        }
      } catch (RuntimeException notYet) {
        // the resource may not exist yet
      }
      pause(Duration.ofMillis(200));
    }
    throw new AssertionError("timed out after " + wait.toSeconds() + " s waiting for " + what);
  }

  static void pause(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }
}
