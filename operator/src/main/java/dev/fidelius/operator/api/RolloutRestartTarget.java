package dev.fidelius.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/**
 * A workload in the same namespace restarted (as kubectl rollout restart does) when the synced data
 * changes.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RolloutRestartTarget {

  @JsonPropertyDescription(
      "Deployment, StatefulSet, DaemonSet or Rollout (Argo Rollouts, argoproj.io/v1alpha1).")
  @Required
  private RolloutTargetKind kind;

  @JsonPropertyDescription("Name of the workload.")
  @Required
  @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")
  private String name;

  public RolloutTargetKind getKind() {
    return kind;
  }

  public void setKind(RolloutTargetKind kind) {
    this.kind = kind;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }
}
