package dev.fidelius.operator.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fidelius.operator.backend.BackendError;
import dev.fidelius.operator.backend.ErrorKind;
import dev.fidelius.operator.backend.Outcome;
import dev.fidelius.operator.backend.SecretValue;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class JsonSecretValuesTest {

  private static final String CREDENTIALS =
      """
      {
        "username": "svc-orders",
        "password": "s3cr3t-\\u00e9\\"quoted\\"",
        "port": 5432,
        "ratio": 1.10,
        "big": 1e5,
        "tls": true,
        "replica": null,
        "hosts": [ "a.example", "b.example" ],
        "pool": { "min": 1, "max": 2.50 }
      }
      """;

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "username | svc-orders",
        "password | s3cr3t-é\"quoted\"",
        "port     | 5432",
        "ratio    | 1.10",
        "big      | 1e5",
        "tls      | true",
        "hosts    | [\"a.example\",\"b.example\"]",
        "pool     | {\"min\":1,\"max\":2.50}",
      })
  void extractsATopLevelPropertyAsAUserWouldWriteItInAConfigFile(String property, String expected) {
    Outcome<byte[]> extracted = JsonSecretValues.property(text(CREDENTIALS), property);

    assertThat(extracted.isOk()).as("%s", extracted).isTrue();
    assertThat(new String(extracted.value(), StandardCharsets.UTF_8)).isEqualTo(expected);
  }

  @Test
  void aNullPropertyBecomesAnEmptyValue() {
    assertThat(JsonSecretValues.property(text(CREDENTIALS), "replica").value()).isEmpty();
  }

  @Test
  void expandsEveryTopLevelKeyInTheSecretsOrder() {
    Outcome<Map<String, byte[]>> expanded = JsonSecretValues.expand(text(CREDENTIALS));

    assertThat(expanded.value())
        .containsOnlyKeys(
            "username", "password", "port", "ratio", "big", "tls", "replica", "hosts", "pool");
    assertThat(expanded.value().keySet()).startsWith("username", "password", "port");
    assertThat(new String(expanded.value().get("pool"), StandardCharsets.UTF_8))
        .isEqualTo("{\"min\":1,\"max\":2.50}");
    assertThat(expanded.value().get("port")).isEqualTo("5432".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void anEmptyObjectExpandsToNoKeys() {
    assertThat(JsonSecretValues.expand(text(" {} ")).value()).isEmpty();
  }

  @Test
  void aMissingPropertyNamesTheSecretAndTheProperty() {
    BackendError error = JsonSecretValues.property(text(CREDENTIALS), "api_key").error();

    assertThat(error.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
    assertThat(error.message())
        .contains("APP.dev.db", "'api_key'")
        .doesNotContain("svc-orders", "s3cr3t");
  }

  @Test
  void aNestedKeyIsNotATopLevelProperty() {
    assertThat(JsonSecretValues.property(text(CREDENTIALS), "min").error().kind())
        .isEqualTo(ErrorKind.INVALID_REQUEST);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "hunter2-plain-text",
        "{\"user\": \"hunter2\"",
        "{\"user\": \"hunter2\"} trailing-hunter2",
        "{\"user\": \"hunter2\", \"user\": \"hunter3\"}",
        "{\"nested\": {\"k\": \"hunter2\", \"k\": \"hunter3\"}}",
        "{'user': 'hunter2'}",
      })
  void invalidJsonIsATypedErrorThatNeverQuotesTheValue(String value) {
    BackendError property = JsonSecretValues.property(text(value), "user").error();
    BackendError expand = JsonSecretValues.expand(text(value)).error();

    for (BackendError error : new BackendError[] {property, expand}) {
      assertThat(error.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
      assertThat(error.message())
          .contains("APP.dev.db")
          .doesNotContain("hunter", "user", "trailing", "nested");
    }
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "[\"hunter2\"]   | a JSON array",
        "\"hunter2\"     | a JSON string",
        "42              | a JSON number",
        "true            | a JSON boolean",
        "null            | JSON null",
        "''              | empty",
      })
  void jsonThatIsNotAnObjectSaysWhatItIs(String value, String what) {
    BackendError error = JsonSecretValues.expand(text(value)).error();

    assertThat(error.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
    assertThat(error.message())
        .contains(what + ", not a JSON object")
        .doesNotContain("hunter2", "42");
  }

  @Test
  void aBinarySecretCannotBeReadAsJson() {
    SecretValue binary =
        new SecretValue(
            "APP.dev.keystore",
            "v1",
            "{\"user\":\"hunter2\"}".getBytes(StandardCharsets.UTF_8),
            true,
            null);

    BackendError error = JsonSecretValues.property(binary, "user").error();

    assertThat(error.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
    assertThat(error.message()).contains("APP.dev.keystore", "binary").doesNotContain("hunter2");
  }

  @Test
  void textThatIsNotUtf8CannotBeReadAsJson() {
    SecretValue latin1 =
        new SecretValue("APP.dev.legacy", "v1", new byte[] {'{', (byte) 0xE9, '}'}, false, null);

    assertThat(JsonSecretValues.expand(latin1).error().message())
        .contains("APP.dev.legacy", "UTF-8");
  }

  private static SecretValue text(String json) {
    return SecretValue.text("APP.dev.db", "v1", json, null);
  }
}
