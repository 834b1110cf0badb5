package dev.fidelius.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.List;

/** AWS Secrets Manager. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SecretsManagerProvider {

  @JsonPropertyDescription("AWS region.")
  @Required
  @Pattern("^[a-z0-9-]+$")
  private String region;

  @JsonPropertyDescription("FullName (default, A.C.S.short) or Path (A/C/S/short).")
  @Default("FullName")
  private SecretsManagerNaming naming;

  @JsonPropertyDescription("NamePrefix (default) or Tags.")
  @Default("NamePrefix")
  private SecretsManagerDiscovery discovery;

  @JsonPropertyDescription("Staging label read by default, AWSCURRENT unless set.")
  @Default("AWSCURRENT")
  private String versionStage;

  @JsonPropertyDescription(
      "Regions the secrets are replicated to, in the order to fail over to. At most 5.")
  @Size(max = 5)
  private List<String> failoverRegions;

  public String getRegion() {
    return region;
  }

  public void setRegion(String region) {
    this.region = region;
  }

  public SecretsManagerNaming getNaming() {
    return naming;
  }

  public void setNaming(SecretsManagerNaming naming) {
    this.naming = naming;
  }

  public SecretsManagerDiscovery getDiscovery() {
    return discovery;
  }

  public void setDiscovery(SecretsManagerDiscovery discovery) {
    this.discovery = discovery;
  }

  public String getVersionStage() {
    return versionStage;
  }

  public void setVersionStage(String versionStage) {
    this.versionStage = versionStage;
  }

  public List<String> getFailoverRegions() {
    return failoverRegions;
  }

  public void setFailoverRegions(List<String> failoverRegions) {
    this.failoverRegions = failoverRegions;
  }
}
