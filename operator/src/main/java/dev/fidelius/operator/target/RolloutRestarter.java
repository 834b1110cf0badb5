package dev.fidelius.operator.target;

import dev.fidelius.operator.api.ApiGroup;
import dev.fidelius.operator.api.RolloutRestartTarget;
import dev.fidelius.operator.api.RolloutTargetKind;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Restarts workloads the way {@code kubectl rollout restart} does: by changing an annotation of the
 * pod template. It also records, per FideliusSecret, the data hash the workload was restarted for
 * ({@code checksum.fidelius.dev/<name>}), so a retried reconcile never restarts twice for one
 * change.
 *
 * <p>An Argo Rollout is restarted the way {@code kubectl argo rollouts restart} does, by setting
 * {@code spec.restartAt}: its controller then replaces the pods through the rollout's own strategy.
 * A pod template annotation would start a new revision (canary steps and all) instead, so the
 * checksum goes on the Rollout's own annotations.
 */
public final class RolloutRestarter implements WorkloadRestarter {

  static final String RESTARTED_AT = "kubectl.kubernetes.io/restartedAt";
  static final String CHECKSUM_PREFIX = "checksum." + ApiGroup.GROUP + "/";

  private final KubernetesClient client;
  private final Clock clock;
  private final ArgoRolloutRestarter argoRollouts;

  public RolloutRestarter(KubernetesClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
    this.argoRollouts = new ArgoRolloutRestarter(client, clock);
  }

  @Override
  public Result restart(
      String namespace,
      String fideliusSecret,
      List<RolloutRestartTarget> targets,
      String dataHash) {
    return restart(namespace, fideliusSecret, targets, dataHash, Duration.ZERO);
  }

  /**
   * The last restart time is the pod template's restartedAt annotation (for a Rollout its
   * spec.restartAt): the workload itself remembers it, across operator restarts, whoever restarted
   * it.
   */
  @Override
  public Result restart(
      String namespace,
      String fideliusSecret,
      List<RolloutRestartTarget> targets,
      String dataHash,
      Duration minInterval) {
    RestartTally tally = new RestartTally();
    String checksumKey = CHECKSUM_PREFIX + AnnotationNames.namePart(fideliusSecret);
    for (RolloutRestartTarget t : targets) {
      String label = t.getKind() + "/" + t.getName();
      if (t.getKind() == RolloutTargetKind.Rollout) {
        argoRollouts.restart(namespace, t.getName(), checksumKey, dataHash, minInterval, tally);
        continue;
      }
      HasMetadata workload = get(namespace, t);
      if (workload == null) {
        tally.problems.add(label + " not found");
        continue;
      }
      PodTemplateSpec template = templateOf(workload);
      Map<String, String> annotations =
          template == null || template.getMetadata() == null
              ? null
              : template.getMetadata().getAnnotations();
      if (annotations != null && dataHash.equals(annotations.get(checksumKey))) {
        tally.skipped.add(label);
        continue;
      }
      Instant due =
          LastRestart.plus(annotations == null ? null : annotations.get(RESTARTED_AT), minInterval);
      if (due != null && clock.instant().isBefore(due)) {
        tally.defer(label, due);
        continue;
      }
      String patch =
          "{\"spec\":{\"template\":{\"metadata\":{\"annotations\":{"
              + "\""
              + RESTARTED_AT
              + "\":\""
              + clock.instant()
              + "\","
              + "\""
              + checksumKey
              + "\":\""
              + dataHash
              + "\"}}}}}";
      PatchContext merge =
          new PatchContext.Builder().withPatchType(PatchType.STRATEGIC_MERGE).build();
      switch (t.getKind()) {
        case Deployment ->
            client
                .apps()
                .deployments()
                .inNamespace(namespace)
                .withName(t.getName())
                .patch(merge, patch);
        case StatefulSet ->
            client
                .apps()
                .statefulSets()
                .inNamespace(namespace)
                .withName(t.getName())
                .patch(merge, patch);
        case DaemonSet ->
            client
                .apps()
                .daemonSets()
                .inNamespace(namespace)
                .withName(t.getName())
                .patch(merge, patch);
        default -> throw new IllegalStateException("handled above: " + t.getKind());
      }
      tally.restarted.add(label);
    }
    return tally.result();
  }

  private HasMetadata get(String namespace, RolloutRestartTarget t) {
    return switch (t.getKind()) {
      case Deployment ->
          client.apps().deployments().inNamespace(namespace).withName(t.getName()).get();
      case StatefulSet ->
          client.apps().statefulSets().inNamespace(namespace).withName(t.getName()).get();
      case DaemonSet ->
          client.apps().daemonSets().inNamespace(namespace).withName(t.getName()).get();
      default -> throw new IllegalStateException("handled by ArgoRolloutRestarter: " + t.getKind());
    };
  }

  private static PodTemplateSpec templateOf(HasMetadata workload) {
    if (workload instanceof Deployment d) {
      return d.getSpec().getTemplate();
    }
    if (workload instanceof StatefulSet s) {
      return s.getSpec().getTemplate();
    }
    return ((DaemonSet) workload).getSpec().getTemplate();
  }
}
