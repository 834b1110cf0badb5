package dev.fidelius.operator.target;

import io.fabric8.kubernetes.api.model.Secret;

/**
 * The target Secret as the reconciler found it, passed through the sync to the {@link TargetWriter}
 * without the sync seeing Kubernetes types.
 *
 * @param secret the Secret, or null when absent or not known
 * @param known whether {@code secret} is the whole answer; false when only the informer of managed
 *     Secrets was asked and had none by this name (a Secret this operator does not manage may still
 *     exist: the writer finds out without reading it first, see {@link KubernetesTargetWriter})
 */
public record ObservedTarget(Secret secret, boolean known) {

  /** Read from the API server: there is no such Secret. */
  public static final ObservedTarget ABSENT = new ObservedTarget(null, true);

  /** No managed Secret by this name in the synced informer; an unmanaged one may exist. */
  public static final ObservedTarget NONE_MANAGED = new ObservedTarget(null, false);

  public ObservedTarget(Secret secret) {
    this(secret, true);
  }

  public boolean exists() {
    return secret != null;
  }
}
