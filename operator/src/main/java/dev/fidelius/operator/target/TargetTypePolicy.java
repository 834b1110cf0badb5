package dev.fidelius.operator.target;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which Secret types a FideliusSecret may write. Kubernetes acts on some types by itself: it mints
 * a non-expiring token into a {@code kubernetes.io/service-account-token} Secret for any
 * ServiceAccount of the namespace that its annotation names, and a {@code
 * bootstrap.kubernetes.io/token} Secret in kube-system lets nodes join the cluster. A tenant
 * allowed to create FideliusSecrets but not Secrets must not gain that authority through the
 * operator, so only types Kubernetes merely stores are allowed: Opaque, the kubernetes.io types
 * below, and custom {@code domain/name} types outside the kubernetes.io and k8s.io domains. Always
 * enforced; no setting relaxes it.
 */
public final class TargetTypePolicy {

  /** kubernetes.io types Kubernetes only validates the keys of, and never acts on. */
  static final Set<String> KUBERNETES_TYPES_ALLOWED =
      Set.of(
          "kubernetes.io/basic-auth",
          "kubernetes.io/ssh-auth",
          "kubernetes.io/tls",
          "kubernetes.io/dockercfg",
          "kubernetes.io/dockerconfigjson");

  /** {@code domain/name}: a DNS subdomain with at least one dot, a slash, a name. */
  private static final Pattern CUSTOM_TYPE =
      Pattern.compile(
          "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)+/[-._a-zA-Z0-9]{1,63}$");

  private static final int MAX_LENGTH = 317;

  private TargetTypePolicy() {}

  /** Why {@code type} may not be written (InvalidSpec), or empty; null and empty mean Opaque. */
  public static Optional<String> problem(String type) {
    if (type == null
        || type.isEmpty()
        || type.equals("Opaque")
        || KUBERNETES_TYPES_ALLOWED.contains(type)) {
      return Optional.empty();
    }
    if (type.length() > MAX_LENGTH || !CUSTOM_TYPE.matcher(type).matches()) {
      return Optional.of(
          "spec.target.type must be Opaque, one of "
              + new java.util.TreeSet<>(KUBERNETES_TYPES_ALLOWED)
              + ", or a custom type written domain/name (such as example.com/config)");
    }
    String domain = type.substring(0, type.indexOf('/')).toLowerCase(Locale.ROOT);
    if (inDomain(domain, "kubernetes.io") || inDomain(domain, "k8s.io")) {
      return Optional.of(
          "spec.target.type "
              + type
              + " is refused: Kubernetes acts on Secrets of its own types"
              + " (it mints ServiceAccount tokens into kubernetes.io/service-account-token, bootstrap tokens"
              + " authenticate nodes), so the operator writes only Opaque, "
              + String.join(", ", new java.util.TreeSet<>(KUBERNETES_TYPES_ALLOWED))
              + " and custom types outside kubernetes.io and k8s.io");
    }
    return Optional.empty();
  }

  private static boolean inDomain(String domain, String parent) {
    return domain.equals(parent) || domain.endsWith("." + parent);
  }
}
