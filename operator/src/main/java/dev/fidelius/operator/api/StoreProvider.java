package dev.fidelius.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Where the secrets live. Exactly one of dynamodb, secretsManager, parameterStore or s3. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class StoreProvider {

  @JsonPropertyDescription("The Fidelius store (DynamoDB + KMS).")
  private DynamoDbProvider dynamodb;

  @JsonPropertyDescription("AWS Secrets Manager.")
  private SecretsManagerProvider secretsManager;

  @JsonPropertyDescription("AWS Systems Manager Parameter Store.")
  private ParameterStoreProvider parameterStore;

  @JsonPropertyDescription("Objects of an S3 bucket, encrypted with KMS.")
  private S3Provider s3;

  public DynamoDbProvider getDynamodb() {
    return dynamodb;
  }

  public void setDynamodb(DynamoDbProvider dynamodb) {
    this.dynamodb = dynamodb;
  }

  public SecretsManagerProvider getSecretsManager() {
    return secretsManager;
  }

  public void setSecretsManager(SecretsManagerProvider secretsManager) {
    this.secretsManager = secretsManager;
  }

  public ParameterStoreProvider getParameterStore() {
    return parameterStore;
  }

  public void setParameterStore(ParameterStoreProvider parameterStore) {
    this.parameterStore = parameterStore;
  }

  public S3Provider getS3() {
    return s3;
  }

  public void setS3(S3Provider s3) {
    this.s3 = s3;
  }
}
