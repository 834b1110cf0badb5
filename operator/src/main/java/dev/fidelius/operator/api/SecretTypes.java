package dev.fidelius.operator.api;

/**
 * The shape of {@code spec.target.type} in the CRD schema. The schema can only say what a type
 * looks like (Kubernetes patterns have no lookahead); which domains are refused is decided in code
 * ({@code target.TargetTypePolicy}), with InvalidSpec.
 */
public final class SecretTypes {

  /** Opaque, the kubernetes.io types the operator may write, or {@code domain/name}. */
  public static final String SCHEMA_PATTERN =
      "^(Opaque|kubernetes\\.io/(basic-auth|ssh-auth|tls|dockercfg"
          + "|dockerconfigjson)|[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)+/[-._a-zA-Z0-9]{1,63})$";

  private SecretTypes() {}
}
