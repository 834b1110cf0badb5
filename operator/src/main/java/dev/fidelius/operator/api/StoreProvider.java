package dev.fidelius.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * Where the secrets live. Exactly one of dynamodb or secretsManager.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class StoreProvider {

  @JsonPropertyDescription("The Fidelius store (DynamoDB + KMS).")
  private DynamoDbProvider dynamodb;

  @JsonPropertyDescription("AWS Secrets Manager.")
  private SecretsManagerProvider secretsManager;

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

}
