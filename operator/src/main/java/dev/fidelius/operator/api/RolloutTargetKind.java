package dev.fidelius.operator.api;

/** Workload kinds that can be restarted when synced data changes. */
public enum RolloutTargetKind {
  /** apps/v1 Deployment. */
  Deployment,
  /** apps/v1 StatefulSet. */
  StatefulSet,
  /** apps/v1 DaemonSet. */
  DaemonSet,
  /** argoproj.io/v1alpha1 Rollout (Argo Rollouts), restarted through its {@code spec.restartAt}. */
  Rollout;
}
