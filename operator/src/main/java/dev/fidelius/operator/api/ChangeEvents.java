package dev.fidelius.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;

/**
 * How the operator hears of changes in the store instead of polling for them: the Fidelius store's
 * DynamoDB stream when its table has one, an SQS queue for Secrets Manager, Parameter Store and S3.
 * While events arrive, polling only runs every safetyInterval.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ChangeEvents {

  @JsonPropertyDescription(
      "Listen for changes (dynamodb: the table's stream, when it has one). Default true.")
  private Boolean enabled;

  @JsonPropertyDescription(
      "How often to poll anyway while change events are live. Default: the operator's"
          + " FIDELIUS_SAFETY_INTERVAL (10m). The"
          + " refreshInterval of each FideliusSecret applies again as soon as events stop.")
  @Pattern("^([0-9]+(\\.[0-9]+)?(ms|s|m|h))+$")
  private String safetyInterval;

  @JsonPropertyDescription(
      "An SQS queue the store's change events are delivered to (Secrets Manager, Parameter"
          + " Store: an EventBridge rule's target; S3: the bucket's event notifications or an"
          + " EventBridge rule's target). The identity reading the store reads the queue.")
  private ChangeEventsQueue sqs;

  public Boolean getEnabled() {
    return enabled;
  }

  public void setEnabled(Boolean enabled) {
    this.enabled = enabled;
  }

  public String getSafetyInterval() {
    return safetyInterval;
  }

  public void setSafetyInterval(String safetyInterval) {
    this.safetyInterval = safetyInterval;
  }

  public ChangeEventsQueue getSqs() {
    return sqs;
  }

  public void setSqs(ChangeEventsQueue sqs) {
    this.sqs = sqs;
  }
}
