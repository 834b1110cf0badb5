package dev.fidelius.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * Which AWS identity reads the store. Empty: the operator's own identity (IRSA, default credential
 * chain).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class StoreAuth {

  @JsonPropertyDescription("Assume a role with the operator's identity (cross-account).")
  private AssumeRoleAuth assumeRole;

  @JsonPropertyDescription(
      "Act as a ServiceAccount of the FideliusSecret's namespace (per-tenant IAM role).")
  private ServiceAccountRef serviceAccountRef;

  public AssumeRoleAuth getAssumeRole() {
    return assumeRole;
  }

  public void setAssumeRole(AssumeRoleAuth assumeRole) {
    this.assumeRole = assumeRole;
  }

  public ServiceAccountRef getServiceAccountRef() {
    return serviceAccountRef;
  }

  public void setServiceAccountRef(ServiceAccountRef serviceAccountRef) {
    this.serviceAccountRef = serviceAccountRef;
  }
}
