package dev.fidelius.operator.render;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import dev.fidelius.operator.backend.ErrorKind;
import dev.fidelius.operator.backend.Outcome;
import dev.fidelius.operator.backend.SecretValue;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a secret that holds a JSON object, whichever backend it came from: one top-level property
 * ({@code spec.data[].property}) or every top-level key ({@code dataFrom} expanding one secret).
 *
 * <p>Rendering of a property: a string as its content (unquoted, unescaped); a number, {@code true}
 * or {@code false} exactly as written in the secret (so {@code 1.10} stays {@code 1.10}); {@code
 * null} as an empty value; a nested object or array as compact JSON.
 *
 * <p>Failures are {@link ErrorKind#INVALID_REQUEST}: the value is binary, not UTF-8, not JSON, not
 * an object, repeats a key, or lacks the property. Their messages name the secret and never quote
 * the value, not even the parser's message, because Jackson's messages echo the characters around
 * the error.
 */
public final class JsonSecretValues {

  /** Strict about repeated keys: which of two values the user meant is not ours to guess. */
  private static final JsonFactory JSON =
      JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  private JsonSecretValues() {}

  /** One top-level property of a JSON secret, rendered as described in the class comment. */
  public static Outcome<byte[]> property(SecretValue value, String property) {
    Outcome<Map<String, byte[]>> fields = topLevelFields(value);
    if (!fields.isOk()) {
      return Outcome.failed(fields.error());
    }
    byte[] rendered = fields.value().get(property);
    if (rendered == null) {
      return invalid(
          "secret " + value.resolvedName() + " has no top-level JSON property '" + property + "'");
    }
    return Outcome.ok(rendered);
  }

  /**
   * Every top-level key of a JSON secret with its rendered value, in the order the secret lists
   * them.
   */
  public static Outcome<Map<String, byte[]>> expand(SecretValue value) {
    return topLevelFields(value);
  }

  private static Outcome<Map<String, byte[]>> topLevelFields(SecretValue value) {
    String name = value.resolvedName();
    if (value.binary()) {
      return invalid("secret " + name + " is binary; reading JSON properties needs a text secret");
    }
    Optional<String> text = value.text();
    if (text.isEmpty()) {
      return invalid("secret " + name + " is not valid UTF-8 text, so it cannot be read as JSON");
    }
    try (JsonParser parser = JSON.createParser(text.get())) {
      JsonToken first = parser.nextToken();
      if (first != JsonToken.START_OBJECT) {
        return invalid("secret " + name + " is " + describe(first) + ", not a JSON object");
      }
      Map<String, byte[]> fields = new LinkedHashMap<>();
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String key = parser.currentName();
        parser.nextToken();
        fields.put(key, render(parser));
      }
      if (parser.nextToken() != null) {
        return invalid("secret " + name + " has content after its JSON object");
      }
      return Outcome.ok(Collections.unmodifiableMap(fields));
    } catch (IOException e) {
      // Deliberately not e.getMessage(): it quotes the secret's text near the error.
      return invalid(
          "secret "
              + name
              + " is not valid JSON (a syntax error, or a key repeated in one object)");
    }
  }

  private static byte[] render(JsonParser parser) throws IOException {
    JsonToken token = parser.currentToken();
    return switch (token) {
      case VALUE_STRING, VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT, VALUE_TRUE, VALUE_FALSE ->
          parser.getText().getBytes(StandardCharsets.UTF_8);
      case VALUE_NULL -> new byte[0];
      case START_OBJECT, START_ARRAY -> compactCopy(parser);
      default -> throw new IOException("unexpected token " + token);
    };
  }

  /**
   * Re-writes the object or array under the parser without whitespace, keeping numbers as written.
   */
  private static byte[] compactCopy(JsonParser parser) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator generator = JSON.createGenerator(out)) {
      int depth = 0;
      do {
        JsonToken token = parser.currentToken();
        if (token.isStructStart()) {
          depth++;
        } else if (token.isStructEnd()) {
          depth--;
        }
        generator.copyCurrentEventExact(parser);
      } while (depth > 0 && parser.nextToken() != null);
    }
    return out.toByteArray();
  }

  private static String describe(JsonToken first) {
    if (first == null) {
      return "empty";
    }
    return switch (first) {
      case START_ARRAY -> "a JSON array";
      case VALUE_STRING -> "a JSON string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a JSON number";
      case VALUE_TRUE, VALUE_FALSE -> "a JSON boolean";
      case VALUE_NULL -> "JSON null";
      default -> "not JSON";
    };
  }

  private static <T> Outcome<T> invalid(String message) {
    return Outcome.failed(ErrorKind.INVALID_REQUEST, message);
  }
}
