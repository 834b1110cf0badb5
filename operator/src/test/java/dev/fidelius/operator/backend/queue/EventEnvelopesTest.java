package dev.fidelius.operator.backend.queue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fidelius.operator.backend.queue.EventEnvelopes.Parsed;
import org.junit.jupiter.api.Test;

/** The envelopes AWS delivers to a queue, and what hostile or foreign messages come to. */
class EventEnvelopesTest {

  private static final String ARN =
      "arn:aws:secretsmanager:us-east-1:123456789012:secret:PAYMENTS.dev.db-AbC123";

  @Test
  void secretsManagerLabelUpdatedNamesTheSecretAndItsArn() {
    Parsed parsed =
        EventEnvelopes.parse(
            """
        {"version":"0","id":"1","detail-type":"Secret Label Updated","source":"aws.secretsmanager",
         "account":"123456789012","time":"2026-12-01T12:00:00Z","region":"us-east-1","resources":["%s"],
         "detail":{"name":"PAYMENTS.dev.db","labelUpdated":"AWSCURRENT","versionId":"v-2"}}
        """
                .formatted(ARN));

    assertThat(parsed.kind()).isEqualTo(Parsed.Kind.CHANGES);
    assertThat(parsed.changes())
        .containsExactly(
            new AnnouncedChange("secretsmanager", "PAYMENTS.dev.db"),
            new AnnouncedChange("secretsmanager", ARN));
  }

  @Test
  void cloudTrailCallsNameTheSecretInTheRequestOrForARotationInTheExtraData() {
    Parsed put =
        EventEnvelopes.parse(
            cloudTrail(
                "PutSecretValue", "\"requestParameters\":{\"secretId\":\"PAYMENTS.dev.db\"}"));
    Parsed rotation =
        EventEnvelopes.parse(
            cloudTrail(
                "RotationSucceeded", "\"additionalEventData\":{\"SecretId\":\"" + ARN + "\"}"));
    Parsed read =
        EventEnvelopes.parse(
            cloudTrail(
                "GetSecretValue", "\"requestParameters\":{\"secretId\":\"PAYMENTS.dev.db\"}"));

    assertThat(put.changes())
        .containsExactly(new AnnouncedChange("secretsmanager", "PAYMENTS.dev.db"));
    assertThat(rotation.changes()).containsExactly(new AnnouncedChange("secretsmanager", ARN));
    assertThat(read.kind()).isEqualTo(Parsed.Kind.UNKNOWN);
  }

  @Test
  void parameterStoreAndS3EventsNameTheParameterOrObject() {
    Parsed ssm =
        EventEnvelopes.parse(
            """
        {"detail-type":"Parameter Store Change","source":"aws.ssm",
         "detail":{"name":"/payments/dev/db","operation":"Update","type":"SecureString"}}""");
    Parsed s3Bridge =
        EventEnvelopes.parse(
            """
        {"detail-type":"Object Created","source":"aws.s3",
         "detail":{"bucket":{"name":"cfg"},"object":{"key":"payments/dev/db.json"}}}""");
    Parsed s3Native =
        EventEnvelopes.parse(
            """
        {"Records":[{"eventSource":"aws:s3","eventName":"ObjectRemoved:Delete",
          "s3":{"bucket":{"name":"cfg"},"object":{"key":"payments/dev/my+file.json"}}}]}""");

    assertThat(ssm.changes()).containsExactly(new AnnouncedChange("ssm", "/payments/dev/db"));
    assertThat(s3Bridge.changes())
        .containsExactly(new AnnouncedChange("s3", "cfg/payments/dev/db.json"));
    assertThat(s3Native.changes())
        .containsExactly(new AnnouncedChange("s3", "cfg/payments/dev/my file.json"));
  }

  @Test
  void foreignHostileAndOversizedMessagesAnnounceNothing() {
    assertThat(EventEnvelopes.parse("{\"Event\":\"s3:TestEvent\"}").kind())
        .isEqualTo(Parsed.Kind.UNKNOWN);
    assertThat(EventEnvelopes.parse("not json at all").kind()).isEqualTo(Parsed.Kind.MALFORMED);
    assertThat(EventEnvelopes.parse("[1,2,3]").kind()).isEqualTo(Parsed.Kind.MALFORMED);
    assertThat(EventEnvelopes.parse("[".repeat(5000)).kind()).isEqualTo(Parsed.Kind.MALFORMED);
    assertThat(EventEnvelopes.parse(" ".repeat(EventEnvelopes.MAX_BODY_CHARS + 1)).kind())
        .isEqualTo(Parsed.Kind.MALFORMED);
    assertThat(
            EventEnvelopes.parse(
                    "{\"source\":\"aws.secretsmanager\",\"detail-type\":\"x\",\"detail\":{\"name\":7}}")
                .kind())
        .isEqualTo(Parsed.Kind.UNKNOWN);
  }

  @Test
  void oneMessageYieldsABoundedNumberOfNames() {
    StringBuilder records = new StringBuilder("{\"Records\":[");
    for (int i = 0; i < 1000; i++) {
      records
          .append(i == 0 ? "" : ",")
          .append(
              "{\"eventSource\":\"aws:s3\",\"eventName\":\"ObjectCreated:Put\","
                  + "\"s3\":{\"bucket\":{\"name\":\"b\"},\"object\":{\"key\":\"k")
          .append(i)
          .append("\"}}}");
    }

    assertThat(EventEnvelopes.parse(records.append("]}").toString()).changes())
        .hasSize(EventEnvelopes.MAX_NAMES);
  }

  private static String cloudTrail(String eventName, String fields) {
    return """
        {"version":"0","detail-type":"AWS API Call via CloudTrail","source":"aws.secretsmanager",
         "detail":{"eventSource":"secretsmanager.amazonaws.com","eventName":"%s",%s}}"""
        .formatted(eventName, fields);
  }
}
