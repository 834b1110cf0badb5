package dev.fidelius.operator.target;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/**
 * Restarts an Argo Rollout ({@code argoproj.io/v1alpha1}) as {@code kubectl argo rollouts restart}
 * does: sets {@code spec.restartAt}, and records the data hash in the Rollout's own annotations
 * (not its pod template, whose change would start a new revision). Through the generic client: no
 * Argo dependency, and a cluster without the Argo CRD reports a problem instead of failing the
 * sync.
 */
final class ArgoRolloutRestarter {

  static final String API_VERSION = "argoproj.io/v1alpha1";

  private final KubernetesClient client;
  private final Clock clock;

  ArgoRolloutRestarter(KubernetesClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
  }

  void restart(
      String namespace,
      String name,
      String checksumKey,
      String dataHash,
      Duration minInterval,
      RestartTally tally) {
    String label = "Rollout/" + name;
    Resource<GenericKubernetesResource> rollout =
        client
            .genericKubernetesResources(API_VERSION, "Rollout")
            .inNamespace(namespace)
            .withName(name);
    GenericKubernetesResource current;
    try {
      current = rollout.get();
    } catch (KubernetesClientException e) {
      // 404 on the resource type itself: Argo Rollouts is not installed.
      tally.problems.add(label + " not found (is Argo Rollouts installed?)");
      return;
    }
    if (current == null) {
      tally.problems.add(label + " not found");
      return;
    }
    Map<String, String> annotations = current.getMetadata().getAnnotations();
    if (annotations != null && dataHash.equals(annotations.get(checksumKey))) {
      tally.skipped.add(label);
      return;
    }
    Object spec = current.getAdditionalProperties().get("spec");
    Object restartAt = spec instanceof Map<?, ?> m ? m.get("restartAt") : null;
    Instant due = LastRestart.plus(restartAt == null ? null : restartAt.toString(), minInterval);
    if (due != null && clock.instant().isBefore(due)) {
      tally.defer(label, due);
      return;
    }
    // Argo compares restartAt with pod creation times in whole seconds (RFC 3339).
    String patch =
        "{\"metadata\":{\"annotations\":{\""
            + checksumKey
            + "\":\""
            + dataHash
            + "\"}},"
            + "\"spec\":{\"restartAt\":\""
            + clock.instant().truncatedTo(ChronoUnit.SECONDS)
            + "\"}}";
    rollout.patch(new PatchContext.Builder().withPatchType(PatchType.JSON_MERGE).build(), patch);
    tally.restarted.add(label);
  }
}
