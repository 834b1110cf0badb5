package dev.fidelius.e2e.bench;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import software.amazon.awssdk.services.secretsmanager.model.PutSecretValueResponse;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * What EventBridge would deliver to the store's queue for a PutSecretValue: moto records no
 * CloudTrail and routes no Secrets Manager events, so the benchmark sends, right after each write,
 * the envelope of an "AWS API Call via CloudTrail" event as an EventBridge rule on {@code source:
 * aws.secretsmanager} delivers it (CloudTrail never logs the secret value, so neither does this).
 */
final class SecretsManagerEvents {

  static final String ACCOUNT = "123456789012";

  private final SqsClient sqs;

  SecretsManagerEvents(SqsClient sqs) {
    this.sqs = sqs;
  }

  void announcePut(String queueUrl, PutSecretValueResponse written) {
    sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(putSecretValue(written, Instant.now())));
  }

  static String putSecretValue(PutSecretValueResponse written, Instant at) {
    String time = at.truncatedTo(ChronoUnit.SECONDS).toString();
    return """
        {"version":"0","id":"%1$s","detail-type":"AWS API Call via CloudTrail",\
        "source":"aws.secretsmanager","account":"%2$s","time":"%3$s","region":"us-east-1",\
        "resources":[],"detail":{"eventVersion":"1.08","userIdentity":{"type":"AssumedRole",\
        "principalId":"AROAEXAMPLE:rotator","arn":"arn:aws:sts::%2$s:assumed-role/rotator/rotator",\
        "accountId":"%2$s"},"eventTime":"%3$s","eventSource":"secretsmanager.amazonaws.com",\
        "eventName":"PutSecretValue","awsRegion":"us-east-1","sourceIPAddress":"192.0.2.10",\
        "userAgent":"fidelius-benchmark","requestParameters":{"secretId":"%4$s",\
        "clientRequestToken":"%5$s"},"responseElements":null,"requestID":"%6$s",\
        "eventID":"%7$s","readOnly":false,"eventType":"AwsApiCall","managementEvent":true,\
        "recipientAccountId":"%2$s","eventCategory":"Management"}}"""
        .formatted(
            UUID.randomUUID(),
            ACCOUNT,
            time,
            written.name(),
            written.versionId(),
            UUID.randomUUID(),
            UUID.randomUUID());
  }
}
