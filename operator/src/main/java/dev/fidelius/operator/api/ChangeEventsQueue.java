package dev.fidelius.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** An SQS queue EventBridge (or S3 notifications) deliver a store's change events to. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ChangeEventsQueue {

  @JsonPropertyDescription(
      "The queue's URL, e.g. https://sqs.eu-west-1.amazonaws.com/123456789012/fidelius-events.")
  @Pattern("^https?://[^\\s]{1,1000}$")
  @Required
  private String queueUrl;

  @JsonPropertyDescription("The queue's region. Default: the store's region.")
  @Pattern("^[a-z0-9-]{1,32}$")
  private String region;

  @JsonPropertyDescription("SQS endpoint URL override (VPC endpoints, emulators).")
  @Pattern("^https?://.+$")
  private String endpoint;

  public String getQueueUrl() {
    return queueUrl;
  }

  public void setQueueUrl(String queueUrl) {
    this.queueUrl = queueUrl;
  }

  public String getRegion() {
    return region;
  }

  public void setRegion(String region) {
    this.region = region;
  }

  public String getEndpoint() {
    return endpoint;
  }

  public void setEndpoint(String endpoint) {
    this.endpoint = endpoint;
  }
}
