package dev.fidelius.operator.target;

import dev.fidelius.operator.api.CreationPolicy;
import java.util.Map;

/**
 * The Secret a FideliusSecret should produce, fully resolved (defaults applied).
 *
 * @param owner the FideliusSecret's identity, for owner references and labels
 */
public record TargetSpec(
    String namespace,
    String name,
    String type,
    Map<String, String> labels,
    Map<String, String> annotations,
    CreationPolicy creationPolicy,
    boolean immutable,
    Owner owner) {

  public TargetSpec {
    labels = labels == null ? Map.of() : Map.copyOf(labels);
    annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
  }

  /** The FideliusSecret that owns or feeds the target. */
  public record Owner(String apiVersion, String kind, String name, String uid) {}
}
