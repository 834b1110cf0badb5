package dev.fidelius.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/**
 * A ServiceAccount in the FideliusSecret's own namespace whose token is exchanged for its IAM role
 * (eks.amazonaws.com/role-arn annotation).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ServiceAccountRef {

  @JsonPropertyDescription("Name of the ServiceAccount.")
  @Required
  @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")
  private String name;

  @JsonPropertyDescription(
      "Token audience, default sts.amazonaws.com. Other audiences only where the operator"
          + " allows them (FIDELIUS_ALLOWED_TOKEN_AUDIENCES).")
  @Size(max = 253)
  @Default("sts.amazonaws.com")
  private String audience;

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getAudience() {
    return audience;
  }

  public void setAudience(String audience) {
    this.audience = audience;
  }
}
