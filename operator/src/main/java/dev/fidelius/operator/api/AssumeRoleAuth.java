package dev.fidelius.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** Assume an IAM role (cross-account stores) with the operator's identity. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AssumeRoleAuth {

  @JsonPropertyDescription("Role to assume.")
  @Required
  @Pattern("^arn:aws[a-zA-Z-]*:iam::[0-9]{12}:role/.+$")
  private String roleArn;

  @JsonPropertyDescription(
      "External id required by the role's trust policy (2 to 1224 characters of letters, digits and +=,.@:/-).")
  @Pattern("^[\\w+=,.@:/-]{2,}$")
  @Size(max = 1224)
  private String externalId;

  @JsonPropertyDescription("Session name (default fidelius-operator).")
  @Pattern("^[\\w+=,.@-]{2,64}$")
  private String sessionName;

  public String getRoleArn() {
    return roleArn;
  }

  public void setRoleArn(String roleArn) {
    this.roleArn = roleArn;
  }

  public String getExternalId() {
    return externalId;
  }

  public void setExternalId(String externalId) {
    this.externalId = externalId;
  }

  public String getSessionName() {
    return sessionName;
  }

  public void setSessionName(String sessionName) {
    this.sessionName = sessionName;
  }
}
