package dev.fidelius.operator.testsupport;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * Creates tables with the Fidelius/credstash key schema: partition key {@code name}, sort key
 * {@code version}.
 */
public final class FideliusTables {

  private FideliusTables() {}

  public static void create(DynamoDbClient dynamo, String table) {
    dynamo.createTable(
        b ->
            b.tableName(table)
                .keySchema(
                    KeySchemaElement.builder().attributeName("name").keyType(KeyType.HASH).build(),
                    KeySchemaElement.builder()
                        .attributeName("version")
                        .keyType(KeyType.RANGE)
                        .build())
                .attributeDefinitions(
                    AttributeDefinition.builder()
                        .attributeName("name")
                        .attributeType(ScalarAttributeType.S)
                        .build(),
                    AttributeDefinition.builder()
                        .attributeName("version")
                        .attributeType(ScalarAttributeType.S)
                        .build())
                .billingMode(BillingMode.PAY_PER_REQUEST));
  }
}
