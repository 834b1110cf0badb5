package dev.fidelius.operator.target;

import io.fabric8.kubernetes.api.model.Secret;

/**
 * The target Secret as the reconciler found it, passed through the sync to the {@link TargetWriter}
 * without the sync seeing Kubernetes types.
 *
 * @param secret the Secret, or null when absent
 */
public record ObservedTarget(Secret secret) {

  public static final ObservedTarget ABSENT = new ObservedTarget(null);

  public boolean exists() {
    return secret != null;
  }
}
