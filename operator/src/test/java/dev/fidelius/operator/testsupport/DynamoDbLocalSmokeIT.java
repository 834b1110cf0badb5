package dev.fidelius.operator.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** DynamoDB Local answers the calls the Fidelius store makes: create table, put, query newest first. */
@ExtendWith(TestServers.class)
class DynamoDbLocalSmokeIT {

  @Test
  void createPutAndQueryNewestVersion(DynamoDbLocal dynamo) {
    try (AwsTestClients clients = new AwsTestClients()) {
      DynamoDbClient ddb = clients.dynamoDb(dynamo.endpoint());
      ddb.createTable(b -> b.tableName("smoke-store")
          .keySchema(KeySchemaElement.builder().attributeName("name").keyType(KeyType.HASH).build(),
              KeySchemaElement.builder().attributeName("version").keyType(KeyType.RANGE).build())
          .attributeDefinitions(
              AttributeDefinition.builder().attributeName("name").attributeType(ScalarAttributeType.S).build(),
              AttributeDefinition.builder().attributeName("version").attributeType(ScalarAttributeType.S).build())
          .billingMode(BillingMode.PAY_PER_REQUEST));
      for (String version : new String[] {"0000000000000000001", "0000000000000000002"}) {
        ddb.putItem(b -> b.tableName("smoke-store").item(Map.of(
            "name", AttributeValue.fromS("APP.dev.x"), "version", AttributeValue.fromS(version))));
      }

      QueryResponse newest = ddb.query(b -> b.tableName("smoke-store")
          .keyConditionExpression("#n = :n AND begins_with(#v, :zero)")
          .expressionAttributeNames(Map.of("#n", "name", "#v", "version"))
          .expressionAttributeValues(Map.of(":n", AttributeValue.fromS("APP.dev.x"), ":zero", AttributeValue.fromS("0")))
          .scanIndexForward(false).limit(1).consistentRead(true));

      assertThat(newest.items()).singleElement()
          .satisfies(item -> assertThat(item.get("version").s()).isEqualTo("0000000000000000002"));
      assertThat(clients.counter().count("dynamodb", "Query")).isEqualTo(1);
    }
  }
}
