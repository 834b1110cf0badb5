package dev.fidelius.operator.backend.queue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the names a queue message announces changes of, from the envelopes AWS delivers:
 * EventBridge events of Secrets Manager ({@code aws.secretsmanager}, its own events and CloudTrail
 * API calls), Parameter Store ({@code Parameter Store Change}) and S3 ({@code Object
 * Created}/{@code Object Deleted}), and S3's own event notifications ({@code Records}). Anything
 * else is unknown; anything unreadable is malformed. The input is hostile: its size, nesting and
 * the names taken from it are bounded, and nothing of it is ever logged.
 */
public final class EventEnvelopes {

  /** SQS allows 256 KiB; anything bigger was not written by AWS. */
  public static final int MAX_BODY_CHARS = 262_144;

  /** Names taken from one message at most (an S3 notification may hold several records). */
  public static final int MAX_NAMES = 100;

  private static final int MAX_NAME_CHARS = 2048;

  /** CloudTrail API calls that change what a secret's latest version or its listing is. */
  private static final Set<String> SECRET_CHANGING_CALLS =
      Set.of(
          "PutSecretValue",
          "UpdateSecret",
          "UpdateSecretVersionStage",
          "RotationSucceeded",
          "DeleteSecret",
          "RestoreSecret",
          "TagResource",
          "UntagResource",
          "CreateSecret");

  private static final ObjectMapper JSON =
      new ObjectMapper(
          JsonFactory.builder()
              .streamReadConstraints(
                  StreamReadConstraints.builder()
                      .maxNestingDepth(32)
                      .maxStringLength(MAX_BODY_CHARS)
                      .build())
              .build());

  /** What became of a message: the names it announces, or why it announces none. */
  public record Parsed(Kind kind, List<AnnouncedChange> changes) {
    public enum Kind {
      CHANGES,
      UNKNOWN,
      MALFORMED
    }
  }

  private EventEnvelopes() {}

  public static Parsed parse(String body) {
    if (body == null || body.length() > MAX_BODY_CHARS) {
      return malformed();
    }
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (Exception e) { // Jackson's exceptions quote the input: dropped, never logged
      return malformed();
    }
    if (root == null || !root.isObject()) {
      return malformed();
    }
    List<AnnouncedChange> changes = new ArrayList<>();
    if (root.has("Records")) {
      s3Notification(root.get("Records"), changes);
    } else {
      eventBridge(root, changes);
    }
    return changes.isEmpty()
        ? new Parsed(Parsed.Kind.UNKNOWN, List.of())
        : new Parsed(Parsed.Kind.CHANGES, List.copyOf(changes));
  }

  private static void eventBridge(JsonNode event, List<AnnouncedChange> out) {
    String source = text(event, "source");
    String type = text(event, "detail-type");
    JsonNode detail = event.path("detail");
    if (source == null || type == null || !detail.isObject()) {
      return;
    }
    if ("AWS API Call via CloudTrail".equals(type)) {
      cloudTrail(source, detail, out);
    } else if ("aws.secretsmanager".equals(source)) {
      add(out, "secretsmanager", text(detail, "name"));
      add(out, "secretsmanager", text(detail, "secretId"));
      event
          .path("resources")
          .forEach(r -> add(out, "secretsmanager", r.isTextual() ? r.asText() : null));
    } else if ("aws.ssm".equals(source) && "Parameter Store Change".equals(type)) {
      parameter(event, detail, out);
    } else if ("aws.s3".equals(source)
        && ("Object Created".equals(type) || "Object Deleted".equals(type))) {
      String bucket = text(detail.path("bucket"), "name");
      String key = text(detail.path("object"), "key");
      if (bucket != null && key != null) {
        decodeKey(key).ifPresent(k -> add(out, "s3", bucket + "/" + k));
      }
    }
  }

  /**
   * The parameter's name (any operation: Create, Update, Delete, LabelParameterVersion), else its
   * ARN: one name per event, so that one change triggers each resource once.
   */
  private static void parameter(JsonNode event, JsonNode detail, List<AnnouncedChange> out) {
    String name = text(detail, "name");
    if (name == null) {
      JsonNode resources = event.path("resources");
      name = resources.isArray() && resources.size() > 0 ? text(resources, 0) : null;
    }
    add(out, "ssm", name);
  }

  /**
   * The secret a Secrets Manager API call named: its id in the request, or for a rotation in its
   * extra data.
   */
  private static void cloudTrail(String source, JsonNode detail, List<AnnouncedChange> out) {
    String call = text(detail, "eventName");
    if (!"aws.secretsmanager".equals(source)
        || call == null
        || !SECRET_CHANGING_CALLS.contains(call)) {
      return;
    }
    JsonNode request = detail.path("requestParameters");
    add(out, "secretsmanager", firstText(request, "secretId", "resourceArn", "name"));
    add(
        out,
        "secretsmanager",
        firstText(detail.path("additionalEventData"), "SecretId", "secretId"));
    add(out, "secretsmanager", text(detail.path("responseElements"), "arn"));
  }

  private static void s3Notification(JsonNode records, List<AnnouncedChange> out) {
    if (!records.isArray()) {
      return;
    }
    for (JsonNode record : records) {
      String event = text(record, "eventName");
      if (!"aws:s3".equals(text(record, "eventSource"))
          || event == null
          || !(event.startsWith("ObjectCreated:") || event.startsWith("ObjectRemoved:"))) {
        continue;
      }
      String bucket = text(record.path("s3").path("bucket"), "name");
      String key = text(record.path("s3").path("object"), "key");
      if (bucket != null && key != null) {
        decodeKey(key).ifPresent(k -> add(out, "s3", bucket + "/" + k));
      }
    }
  }

  /**
   * S3 notifications URL-encode object keys (spaces as '+'), and so may EventBridge's form; a key a
   * store can read holds only S3's safe characters, which decoding leaves alone.
   */
  private static Optional<String> decodeKey(String key) {
    try {
      return Optional.of(URLDecoder.decode(key, StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static void add(List<AnnouncedChange> out, String service, String name) {
    if (name != null
        && !name.isBlank()
        && name.length() <= MAX_NAME_CHARS
        && out.size() < MAX_NAMES) {
      AnnouncedChange change = new AnnouncedChange(service, name);
      if (!out.contains(change)) {
        out.add(change);
      }
    }
  }

  private static String firstText(JsonNode node, String... fields) {
    for (String field : fields) {
      String value = text(node, field);
      if (value != null) {
        return value;
      }
    }
    return null;
  }

  private static String text(JsonNode array, int index) {
    JsonNode value = array.get(index);
    return value != null && value.isTextual() ? value.asText() : null;
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node == null ? null : node.get(field);
    return value != null && value.isTextual() ? value.asText() : null;
  }

  private static Parsed malformed() {
    return new Parsed(Parsed.Kind.MALFORMED, List.of());
  }
}
