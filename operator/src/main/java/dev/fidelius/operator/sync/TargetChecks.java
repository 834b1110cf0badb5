package dev.fidelius.operator.sync;

import dev.fidelius.operator.api.CreationPolicy;
import dev.fidelius.operator.api.FideliusSecretSpec;
import dev.fidelius.operator.target.TargetTypePolicy;
import java.util.Optional;

/** Combinations of {@code spec.target} fields that cannot work. */
final class TargetChecks {

  private TargetChecks() {}

  /** Only Secret types Kubernetes does not act on by itself ({@link TargetTypePolicy}). */
  static Optional<String> typeIsWritable(FideliusSecretSpec spec) {
    return spec.getTarget() == null
        ? Optional.empty()
        : TargetTypePolicy.problem(spec.getTarget().getType());
  }

  /** The operator does not own a Secret it merges into, so cannot make it immutable. */
  static Optional<String> mergeIsNotImmutable(FideliusSecretSpec spec) {
    var target = spec.getTarget();
    if (target != null
        && target.getCreationPolicy() == CreationPolicy.Merge
        && Boolean.TRUE.equals(target.getImmutable())) {
      return Optional.of(
          "spec.target.immutable cannot be combined with creationPolicy Merge: the operator does"
              + " not own the Secret it merges into");
    }
    return Optional.empty();
  }

  /** A Secret merged into keeps its type. */
  static Optional<String> mergeKeepsType(FideliusSecretSpec spec) {
    var target = spec.getTarget();
    if (target != null
        && target.getCreationPolicy() == CreationPolicy.Merge
        && target.getType() != null) {
      return Optional.of(
          "spec.target.type cannot be set with creationPolicy Merge: the existing Secret keeps its"
              + " type");
    }
    return Optional.empty();
  }
}
