package dev.fidelius.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.List;

/** The Fidelius store: a DynamoDB table of KMS-encrypted items (Fidelius and credstash format). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DynamoDbProvider {

  @JsonPropertyDescription("Table name, default credential-store.")
  @Default("credential-store")
  private String table;

  @JsonPropertyDescription("AWS region of the table and the KMS key.")
  @Required
  @Pattern("^[a-z0-9-]+$")
  private String region;

  @JsonPropertyDescription(
      "KMS key for writes (tooling only; the operator only reads). Default alias/credstash.")
  private String kmsKeyId;

  @JsonPropertyDescription("Encryption-context key names, when the installation renamed them.")
  private ContextKeys contextKeys;

  @JsonPropertyDescription(
      "When a secret with a component is not found, retry without the component, as the Fidelius SDK does. Default true.")
  private Boolean componentFallback;

  @JsonPropertyDescription(
      "Regions holding replicas of the table (a DynamoDB global table), in the order to fail over to; the KMS key must be multi-Region with a replica in each. At most 5.")
  @Size(max = 5)
  private List<String> failoverRegions;

  public String getTable() {
    return table;
  }

  public void setTable(String table) {
    this.table = table;
  }

  public String getRegion() {
    return region;
  }

  public void setRegion(String region) {
    this.region = region;
  }

  public String getKmsKeyId() {
    return kmsKeyId;
  }

  public void setKmsKeyId(String kmsKeyId) {
    this.kmsKeyId = kmsKeyId;
  }

  public ContextKeys getContextKeys() {
    return contextKeys;
  }

  public void setContextKeys(ContextKeys contextKeys) {
    this.contextKeys = contextKeys;
  }

  public Boolean getComponentFallback() {
    return componentFallback;
  }

  public void setComponentFallback(Boolean componentFallback) {
    this.componentFallback = componentFallback;
  }

  public List<String> getFailoverRegions() {
    return failoverRegions;
  }

  public void setFailoverRegions(List<String> failoverRegions) {
    this.failoverRegions = failoverRegions;
  }
}
