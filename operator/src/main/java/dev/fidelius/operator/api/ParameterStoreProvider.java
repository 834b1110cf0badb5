package dev.fidelius.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/**
 * AWS Systems Manager Parameter Store: parameters named {@code <prefix>/APP/component/sdlc/name}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ParameterStoreProvider {

  @JsonPropertyDescription("AWS region.")
  @Required
  @Pattern("^[a-z0-9-]+$")
  private String region;

  @JsonPropertyDescription(
      "Path every parameter name starts with, such as /fidelius. Default: none (names start at /APP).")
  @Pattern("^(/[A-Za-z0-9_.-]+)*/?$")
  @Size(max = 512)
  private String prefix;

  @JsonPropertyDescription(
      "KMS key SecureStrings are written under (tooling only; the operator only reads). Default: Parameter Store's alias/aws/ssm.")
  @Size(max = 2048)
  private String kmsKeyId;

  @JsonPropertyDescription(
      "When a secret with a component cannot be read, retry without the component, as the Fidelius SDK does. Default true.")
  private Boolean componentFallback;

  public String getRegion() {
    return region;
  }

  public void setRegion(String region) {
    this.region = region;
  }

  public String getPrefix() {
    return prefix;
  }

  public void setPrefix(String prefix) {
    this.prefix = prefix;
  }

  public Boolean getComponentFallback() {
    return componentFallback;
  }

  public void setComponentFallback(Boolean componentFallback) {
    this.componentFallback = componentFallback;
  }

  public String getKmsKeyId() {
    return kmsKeyId;
  }

  public void setKmsKeyId(String kmsKeyId) {
    this.kmsKeyId = kmsKeyId;
  }
}
