package dev.fidelius.operator.sync;

import dev.fidelius.operator.api.FideliusSecretSpec;
import dev.fidelius.operator.api.FideliusSecretStatus;
import dev.fidelius.operator.store.ResolvedStore;
import dev.fidelius.operator.target.ObservedTarget;
import java.util.Map;
import java.util.Optional;

/**
 * Everything one sync of a FideliusSecret starts from, taken out of Kubernetes objects by the
 * reconciler.
 *
 * @param status the status as it is now, or null
 * @param store the store the spec names, if it exists
 * @param namespaceLabels labels of the FideliusSecret's namespace, for access rules with selectors
 * @param target the target Secret as it is now
 * @param forceSync true to ask the store for current versions now instead of trusting change
 *     detection's last sweep (a new {@code fidelius.dev/force-sync} value); cached values of known
 *     versions are still used
 */
public record SyncRequest(
    String namespace,
    String name,
    String uid,
    FideliusSecretSpec spec,
    FideliusSecretStatus status,
    Optional<ResolvedStore> store,
    Map<String, String> namespaceLabels,
    ObservedTarget target,
    boolean forceSync) {

  public SyncRequest(
      String namespace,
      String name,
      String uid,
      FideliusSecretSpec spec,
      FideliusSecretStatus status,
      Optional<ResolvedStore> store,
      Map<String, String> namespaceLabels,
      ObservedTarget target) {
    this(namespace, name, uid, spec, status, store, namespaceLabels, target, false);
  }

  /** The same request, forcing a check of versions at the store when {@code force}. */
  public SyncRequest forcing(boolean force) {
    return new SyncRequest(
        namespace, name, uid, spec, status, store, namespaceLabels, target, force);
  }

  /** The target Secret's name: {@code spec.target.name}, else the FideliusSecret's. */
  public String targetName() {
    return targetName(name, spec);
  }

  public static String targetName(String name, FideliusSecretSpec spec) {
    var target = spec == null ? null : spec.getTarget();
    return target != null && target.getName() != null ? target.getName() : name;
  }
}
