package dev.fidelius.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;

/** Endpoint URL overrides (VPC endpoints, local emulators). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class StoreEndpoints {

  @JsonPropertyDescription("DynamoDB endpoint URL.")
  @Pattern("^https?://.+$")
  private String dynamodb;

  @JsonPropertyDescription("KMS endpoint URL.")
  @Pattern("^https?://.+$")
  private String kms;

  @JsonPropertyDescription("Secrets Manager endpoint URL.")
  @Pattern("^https?://.+$")
  private String secretsManager;

  @JsonPropertyDescription("STS endpoint URL.")
  @Pattern("^https?://.+$")
  private String sts;

  @JsonPropertyDescription("Systems Manager (Parameter Store) endpoint URL.")
  @Pattern("^https?://.+$")
  private String ssm;

  @JsonPropertyDescription("S3 endpoint URL; buckets are then addressed by path.")
  @Pattern("^https?://.+$")
  private String s3;

  public String getDynamodb() {
    return dynamodb;
  }

  public void setDynamodb(String dynamodb) {
    this.dynamodb = dynamodb;
  }

  public String getKms() {
    return kms;
  }

  public void setKms(String kms) {
    this.kms = kms;
  }

  public String getSecretsManager() {
    return secretsManager;
  }

  public void setSecretsManager(String secretsManager) {
    this.secretsManager = secretsManager;
  }

  public String getSts() {
    return sts;
  }

  public void setSts(String sts) {
    this.sts = sts;
  }

  public String getSsm() {
    return ssm;
  }

  public void setSsm(String ssm) {
    this.ssm = ssm;
  }

  public String getS3() {
    return s3;
  }

  public void setS3(String s3) {
    this.s3 = s3;
  }
}
