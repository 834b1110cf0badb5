package dev.fidelius.operator.target;

import dev.fidelius.operator.api.ApiGroup;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Secret;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Whether {@code creationPolicy: Merge} may write into an existing Secret. Merge adds keys, with
 * values a template can set freely, to a Secret someone else created (TLS, image pull, Helm release
 * Secrets): where "create FideliusSecret" is granted without "write Secret", that would be a
 * confused deputy. So:
 *
 * <ul>
 *   <li>never into a Secret another FideliusSecret manages (its labels or a FideliusSecret
 *       controller owner reference), whatever the settings: the merge would strip that owner's
 *       labels and keys;
 *   <li>only into a Secret whose owner opted in with the annotation {@value #ANNOTATION}, listing
 *       the FideliusSecrets allowed by name (comma-separated) or {@code *} for all of its
 *       namespace, unless the administrator turned the opt-in off ({@code
 *       FIDELIUS_MERGE_REQUIRES_OPT_IN=false}).
 * </ul>
 */
public final class MergeConsent {

  public static final String ANNOTATION = ApiGroup.GROUP + "/merge-allowed-from";

  private final boolean optInRequired;

  public MergeConsent(boolean optInRequired) {
    this.optInRequired = optInRequired;
  }

  /** Why {@code fideliusSecret} may not merge into {@code existing}, or empty when it may. */
  public Optional<String> refusal(Secret existing, TargetSpec target) {
    String name = existing.getMetadata().getName();
    String self = target.owner().name();
    Map<String, String> labels =
        existing.getMetadata().getLabels() == null ? Map.of() : existing.getMetadata().getLabels();
    String managedFor =
        ApiGroup.MANAGED_BY_VALUE.equals(labels.get(ApiGroup.MANAGED_BY_LABEL))
            ? labels.get(ApiGroup.SOURCE_LABEL)
            : null;
    if (managedFor != null && !managedFor.equals(self)) {
      return Optional.of(
          "Secret "
              + name
              + " is managed by FideliusSecret "
              + managedFor
              + "; creationPolicy Merge never writes into a Secret another FideliusSecret manages");
    }
    Optional<OwnerReference> otherOwner = otherFideliusSecretController(existing, target);
    if (otherOwner.isPresent()) {
      return Optional.of(
          "Secret "
              + name
              + " is owned by FideliusSecret "
              + otherOwner.get().getName()
              + "; creationPolicy Merge never writes into a Secret another FideliusSecret manages");
    }
    if (!optInRequired || self.equals(managedFor)) {
      return Optional.empty();
    }
    Map<String, String> annotations =
        existing.getMetadata().getAnnotations() == null
            ? Map.of()
            : existing.getMetadata().getAnnotations();
    String allowed = annotations.get(ANNOTATION);
    if (allowed != null
        && allowedNames(allowed).stream().anyMatch(n -> n.equals("*") || n.equals(self))) {
      return Optional.empty();
    }
    return Optional.of(
        "Secret "
            + name
            + " has not opted in to merges from FideliusSecret "
            + self
            + ": whoever owns it must annotate it "
            + ANNOTATION
            + ": \""
            + self
            + "\" (a comma-separated list, or *)");
  }

  private static List<String> allowedNames(String annotation) {
    return Arrays.stream(annotation.split(","))
        .map(String::trim)
        .filter(s -> !s.isEmpty())
        .toList();
  }

  private static Optional<OwnerReference> otherFideliusSecretController(
      Secret existing, TargetSpec target) {
    List<OwnerReference> refs = existing.getMetadata().getOwnerReferences();
    if (refs == null) {
      return Optional.empty();
    }
    return refs.stream()
        .filter(
            r ->
                "FideliusSecret".equals(r.getKind())
                    && r.getApiVersion() != null
                    && r.getApiVersion().startsWith(ApiGroup.GROUP + "/"))
        .filter(r -> !r.getUid().equals(target.owner().uid()))
        .findFirst();
  }
}
