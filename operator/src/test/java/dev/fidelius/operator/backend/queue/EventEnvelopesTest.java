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
  void parameterStoreChangeInEventBridgesFullEnvelopeNamesTheParameterOnce() {
    Parsed parsed =
        EventEnvelopes.parse(
            """
        {"version":"0","id":"9547ef2d-3b7e-4057-b6cb-5fdf09ee7c8f","detail-type":"Parameter Store Change",
         "source":"aws.ssm","account":"123456789012","time":"2026-12-01T12:00:00Z","region":"us-east-1",
         "resources":["arn:aws:ssm:us-east-1:123456789012:parameter/fidelius/PAYMENTS/dev/db"],
         "detail":{"operation":"Update","name":"/fidelius/PAYMENTS/dev/db","type":"SecureString",
                   "description":""}}""");
    Parsed arnOnly =
        EventEnvelopes.parse(
            """
        {"version":"0","id":"2","detail-type":"Parameter Store Change","source":"aws.ssm",
         "account":"123456789012","time":"2026-12-01T12:00:00Z","region":"us-east-1",
         "resources":["arn:aws:ssm:us-east-1:123456789012:parameter/fidelius/PAYMENTS/dev/db"],
         "detail":{"operation":"LabelParameterVersion"}}""");

    assertThat(parsed.changes())
        .containsExactly(new AnnouncedChange("ssm", "/fidelius/PAYMENTS/dev/db"));
    assertThat(arnOnly.changes())
        .containsExactly(
            new AnnouncedChange(
                "ssm", "arn:aws:ssm:us-east-1:123456789012:parameter/fidelius/PAYMENTS/dev/db"));
  }

  @Test
  void s3ObjectEventsInBothFullEnvelopesNameBucketAndDecodedKey() {
    Parsed bridge =
        EventEnvelopes.parse(
            """
        {"version":"0","id":"17793124-05d4-b198-2fde-7ededc63b103","detail-type":"Object Created",
         "source":"aws.s3","account":"123456789012","time":"2026-12-01T12:00:00Z","region":"us-east-1",
         "resources":["arn:aws:s3:::fidelius-secrets"],
         "detail":{"version":"0","bucket":{"name":"fidelius-secrets"},
                   "object":{"key":"secrets/PAYMENTS/dev/db%28old%29","size":512,
                             "etag":"b1946ac92492d2347c6235b4d2611184","version-id":"IYV3p45BT0ac8hjHg1houSdS1a.Mro8e",
                             "sequencer":"00617F08299329D189"},
                   "request-id":"N4N7GDK58NMKJ12R","requester":"123456789012",
                   "source-ip-address":"1.2.3.4","reason":"PutObject"}}""");
    Parsed deleted =
        EventEnvelopes.parse(
            """
        {"version":"0","id":"3","detail-type":"Object Deleted","source":"aws.s3",
         "account":"123456789012","time":"2026-12-01T12:00:00Z","region":"us-east-1",
         "resources":["arn:aws:s3:::fidelius-secrets"],
         "detail":{"version":"0","bucket":{"name":"fidelius-secrets"},
                   "object":{"key":"secrets/PAYMENTS/dev/db","sequencer":"00617F0829"},
                   "deletion-type":"Permanently Deleted","reason":"DeleteObject"}}""");
    Parsed notification =
        EventEnvelopes.parse(
            """
        {"Records":[{"eventVersion":"2.1","eventSource":"aws:s3","awsRegion":"us-east-1",
          "eventTime":"2026-12-01T12:00:00.000Z","eventName":"ObjectCreated:Put",
          "userIdentity":{"principalId":"AWS:AIDAEXAMPLE"},"requestParameters":{"sourceIPAddress":"1.2.3.4"},
          "responseElements":{"x-amz-request-id":"C3D13FE58DE4C810","x-amz-id-2":"FMyUVURIY8/IgAtTv8xRjskZQpcIZ9KG4V5Wp6S7S/JRWeUWerMUE5JgHvANOjpD"},
          "s3":{"s3SchemaVersion":"1.0","configurationId":"fidelius",
                "bucket":{"name":"fidelius-secrets","ownerIdentity":{"principalId":"A3NL1KOZZKExample"},
                          "arn":"arn:aws:s3:::fidelius-secrets"},
                "object":{"key":"secrets/PAYMENTS/dev/db","size":512,"eTag":"d41d8cd98f00b204e9800998ecf8427e",
                          "versionId":"096fKKXTRTtl3on89fVO.nfljtsv6qko","sequencer":"0055AED6DCD90281E5"}}}]}""");

    assertThat(bridge.changes())
        .containsExactly(
            new AnnouncedChange("s3", "fidelius-secrets/secrets/PAYMENTS/dev/db(old)"));
    assertThat(deleted.changes())
        .containsExactly(new AnnouncedChange("s3", "fidelius-secrets/secrets/PAYMENTS/dev/db"));
    assertThat(notification.changes())
        .containsExactly(new AnnouncedChange("s3", "fidelius-secrets/secrets/PAYMENTS/dev/db"));
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
