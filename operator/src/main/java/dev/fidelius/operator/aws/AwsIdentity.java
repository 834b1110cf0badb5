package dev.fidelius.operator.aws;

import java.util.Map;
import java.util.Objects;

/**
 * Which AWS principal a store's calls are made as. Equal identities share one cached credentials
 * provider.
 */
public sealed interface AwsIdentity {

  /** A stable key for caches and metrics: names the principal, never holds a credential. */
  String key();

  /** The operator's own identity: the SDK default chain (IRSA web identity on EKS). */
  record Operator() implements AwsIdentity {
    @Override
    public String key() {
      return "operator";
    }
  }

  /**
   * A role assumed with the operator's identity (cross-account stores). Session tags carry the
   * namespace and store so that IAM policies can condition on {@code aws:PrincipalTag/...}.
   *
   * @param store the store that asks for it, as kind/namespace/name: two stores never share a
   *     session, so a FideliusStore (allowed the operator's identity) naming the role of a
   *     ClusterFideliusStore, without its externalId, cannot reuse that store's session
   */
  record AssumedRole(
      String roleArn,
      String externalId,
      String sessionName,
      Map<String, String> sessionTags,
      String store)
      implements AwsIdentity {
    public AssumedRole {
      Objects.requireNonNull(roleArn, "roleArn");
      Objects.requireNonNull(sessionName, "sessionName");
      Objects.requireNonNull(store, "store");
      sessionTags = Map.copyOf(sessionTags);
    }

    /** Names the store and every input of the AssumeRole call; the externalId only as a hash. */
    @Override
    public String key() {
      return "assume:"
          + store
          + ":"
          + roleArn
          + ":"
          + sessionName
          + ":"
          + new java.util.TreeMap<>(sessionTags)
          + ":ext="
          + (externalId == null ? "-" : ExternalIdDigest.of(externalId));
    }
  }

  /**
   * A tenant's own role: a token of the ServiceAccount {@code namespace/name} (TokenRequest)
   * exchanged through AssumeRoleWithWebIdentity for {@code roleArn}, as IRSA does for pods.
   */
  record ServiceAccount(String namespace, String name, String roleArn, String audience)
      implements AwsIdentity {
    public ServiceAccount {
      Objects.requireNonNull(namespace, "namespace");
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(roleArn, "roleArn");
      Objects.requireNonNull(audience, "audience");
    }

    @Override
    public String key() {
      return "sa:" + namespace + "/" + name + ":" + roleArn + ":" + audience;
    }
  }
}
