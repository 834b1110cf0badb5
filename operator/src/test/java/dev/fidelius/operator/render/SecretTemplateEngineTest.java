package dev.fidelius.operator.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fidelius.operator.backend.ErrorKind;
import dev.fidelius.operator.backend.Outcome;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SecretTemplateEngineTest {

  private static final String PASSWORD = "p@ss w/rd:%+~._-";

  private static final Map<String, byte[]> DATA =
      Map.of(
          "username", bytes("app_user"),
          "password", bytes(PASSWORD),
          "db-password", bytes("dash-value"),
          "db.password", bytes("dot-value"),
          "padded", bytes("  spaced out \n"),
          "encoded", bytes("aGVsbG8="),
          "binary", new byte[] {0, (byte) 0xff, (byte) 0xfe, 0x7f});

  @Nested
  class Placeholders {

    @Test
    void rendersAConnectionString() {
      assertThat(text("postgres://{{ .username }}:{{ .password | urlquery }}@db:5432/app"))
          .isEqualTo("postgres://app_user:p%40ss%20w%2Frd%3A%25%2B~._-@db:5432/app");
    }

    @Test
    void copiesTextWithoutPlaceholders() {
      assertThat(text("plain { text } with }} braces")).isEqualTo("plain { text } with }} braces");
      assertThat(text("")).isEmpty();
    }

    @Test
    void writesNonAsciiLiteralTextAsUtf8() {
      assertThat(render("grüße {{ .username }}")).isEqualTo(bytes("grüße app_user"));
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "{{.username}}",
          "{{ .username }}",
          "{{   .username\t}}",
          "{{\n.username\n}}",
          "{{ index . \"username\" }}",
          "{{index . \"username\"}}",
          "{{ index  .  \"username\" }}"
        })
    void acceptsEveryWayOfWritingAKey(String template) {
      assertThat(text(template)).isEqualTo("app_user");
    }

    @Test
    void readsKeysWithDashesAndDots() {
      assertThat(text("{{ .db-password }}|{{ .db.password }}")).isEqualTo("dash-value|dot-value");
      assertThat(text("{{ index . \"db.password\" }}|{{ index . \"db-password\" | upper }}"))
          .isEqualTo("dot-value|DASH-VALUE");
    }

    @Test
    void usesAKeyAsOftenAsItAppears() {
      assertThat(text("{{.username}}/{{ .username | upper }}/{{.username}}"))
          .isEqualTo("app_user/APP_USER/app_user");
    }

    @Test
    void copiesABinaryValueByteForByte() {
      assertThat(render("<{{ .binary }}>"))
          .isEqualTo(new byte[] {'<', 0, (byte) 0xff, (byte) 0xfe, 0x7f, '>'});
    }

    @Test
    void writesLiteralBracesThroughAQuotedOperand() {
      assertThat(text("{{ \"{{\" }} .username }}")).isEqualTo("{{ .username }}");
      assertThat(text("{{\"}}\"}}")).isEqualTo("}}");
    }

    @Test
    void pipesAQuotedOperandThroughFilters() {
      assertThat(text("{{ \"a b\" | urlquery }}")).isEqualTo("a%20b");
    }

    @Test
    void leavesTheCallersDataUntouched() {
      byte[] value = bytes("  padded ");
      Map<String, byte[]> data = new LinkedHashMap<>();
      data.put("v", value);

      SecretTemplateEngine.render("{{ .v | trim | upper | base64 }}", data);

      assertThat(value).isEqualTo(bytes("  padded "));
      assertThat(data).containsOnlyKeys("v");
    }

    @Test
    void treatsNullDataAsNoKeys() {
      assertThat(SecretTemplateEngine.render("static", null).value()).isEqualTo(bytes("static"));
      assertThat(SecretTemplateEngine.render("{{ .a }}", null).error().message())
          .contains("there are none");
    }
  }

  @Nested
  class Filters {

    @Test
    void urlqueryEncodesAllButUnreservedCharactersAndSpaceAsPercent20() {
      assertThat(text("{{ .v | urlquery }}", "v", "AZaz09-._~ !\"#$&'()*+,/:;=?@[]"))
          .isEqualTo("AZaz09-._~%20%21%22%23%24%26%27%28%29%2A%2B%2C%2F%3A%3B%3D%3F%40%5B%5D");
    }

    @Test
    void urlqueryEncodesUtf8AndBinaryBytes() {
      assertThat(text("{{ .v | urlquery }}", "v", "ä€")).isEqualTo("%C3%A4%E2%82%AC");
      assertThat(text("{{ .binary | urlquery }}")).isEqualTo("%00%FF%FE%7F");
    }

    @ParameterizedTest
    @CsvSource({"'',''", "a,YQ==", "ab,YWI=", "abc,YWJj", "hello,aGVsbG8="})
    void base64EncodesStandardPadded(String value, String encoded) {
      assertThat(text("{{ .v | base64 }}", "v", value)).isEqualTo(encoded);
    }

    @Test
    void base64EncodesBinaryValuesWithTheStandardAlphabet() {
      assertThat(text("{{ .v | base64 }}", Map.of("v", new byte[] {(byte) 0xfb, (byte) 0xff})))
          .isEqualTo("+/8=");
    }

    @Test
    void base64decodeDecodesToBytes() {
      assertThat(text("{{ .encoded | base64decode }}")).isEqualTo("hello");
      assertThat(render("{{ .v | base64decode }}", Map.of("v", bytes("AP8="))))
          .isEqualTo(new byte[] {0, (byte) 0xff});
    }

    @Test
    void base64decodeRefusesInvalidInputWithoutShowingIt() {
      Outcome<byte[]> outcome =
          SecretTemplateEngine.render(
              "{{ .v | base64decode }}", Map.of("v", bytes("not-base64!secret")));

      assertInvalid(outcome);
      assertThat(outcome.error().message())
          .isEqualTo(
              "in \"{{ .v | base64decode }}\": filter base64decode: the value is not valid standard base64")
          .doesNotContain("not-base64")
          .doesNotContain("secret");
    }

    @Test
    void base64RoundTripsThroughBase64decode() {
      assertThat(render("{{ .binary | base64 | base64decode }}")).isEqualTo(DATA.get("binary"));
    }

    @Test
    void trimRemovesLeadingAndTrailingWhitespace() {
      assertThat(text("[{{ .padded | trim }}]")).isEqualTo("[spaced out]");
    }

    @Test
    void upperAndLowerChangeCase() {
      assertThat(text("{{ .v | upper }}", "v", "MiXed ä")).isEqualTo("MIXED Ä");
      assertThat(text("{{ .v | lower }}", "v", "MiXed Ä")).isEqualTo("mixed ä");
    }

    @Test
    void upperAndLowerIgnoreTheDefaultLocale() {
      Locale saved = Locale.getDefault();
      try {
        // In a Turkish locale "I".toLowerCase() is a dotless i and "i".toUpperCase() a dotted I.
        Locale.setDefault(Locale.forLanguageTag("tr"));
        assertThat(text("{{ .v | lower }}", "v", "TITLE")).isEqualTo("title");
        assertThat(text("{{ .v | upper }}", "v", "title")).isEqualTo("TITLE");
      } finally {
        Locale.setDefault(saved);
      }
    }

    @Test
    void jsonWritesAQuotedEscapedStringLiteral() {
      assertThat(
              text("{\"password\": {{ .v | json }}}", "v", "he said \"hi\"\\\n\t\r\b\f\u0001 ä/"))
          .isEqualTo("{\"password\": \"he said \\\"hi\\\"\\\\\\n\\t\\r\\b\\f\\u0001 ä/\"}");
      assertThat(text("{{ .v | json }}", "v", "")).isEqualTo("\"\"");
    }

    @Test
    void appliesFiltersLeftToRight() {
      assertThat(text("{{ .padded | trim | upper | base64 }}")).isEqualTo("U1BBQ0VEIE9VVA==");
      assertThat(text("{{ .v | base64decode | trim | json }}", "v", "ICBoaSAK"))
          .isEqualTo("\"hi\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"trim", "upper", "lower", "json"})
    void textFiltersRefuseBinaryValuesWithoutShowingThem(String filter) {
      Outcome<byte[]> outcome = SecretTemplateEngine.render("{{ .binary | " + filter + " }}", DATA);

      assertInvalid(outcome);
      assertThat(outcome.error().message())
          .contains("filter " + filter + " needs UTF-8 text")
          .contains("{{ .binary | " + filter + " }}");
    }
  }

  @Nested
  class Errors {

    @Test
    void anUnknownKeyNamesTheKeyAndListsTheAvailableKeysButNoValues() {
      Outcome<byte[]> outcome =
          SecretTemplateEngine.render("postgres://{{ .user }}:{{ .password }}@db", DATA);

      assertInvalid(outcome);
      assertThat(outcome.error().message())
          .isEqualTo(
              "the template uses key \"user\", which is not among the"
                  + " available keys [binary, db-password, db.password, encoded, padded, password, username]");
      assertNoValueIn(outcome.error().message());
    }

    @Test
    void anUnknownKeyWithNoDataSaysThereAreNoKeys() {
      assertThat(SecretTemplateEngine.render("{{ .a }}", Map.of()).error().message())
          .isEqualTo(
              "the template uses key \"a\", which is not among the available keys: there are none");
    }

    @Test
    void anUnknownKeyListsAtMostTwentyKeys() {
      Map<String, byte[]> many = new LinkedHashMap<>();
      for (int i = 10; i < 35; i++) {
        many.put("key" + i, bytes("value" + i));
      }

      String message = SecretTemplateEngine.render("{{ .missing }}", many).error().message();

      assertThat(message)
          .contains("key10, key11")
          .contains("key29, and 5 more]")
          .doesNotContain("key30")
          .doesNotContain("value");
    }

    @Test
    void anUnknownFilterIsNamedWithTheKnownFilters() {
      Outcome<byte[]> outcome = SecretTemplateEngine.render("{{ .password | urlencode }}", DATA);

      assertInvalid(outcome);
      assertThat(outcome.error().message())
          .isEqualTo(
              "unknown filter \"urlencode\" in \"{{ .password | urlencode }}\";"
                  + " the filters are [urlquery, base64, base64decode, trim, upper, lower, json]");
      assertNoValueIn(outcome.error().message());
    }

    @Test
    void filterNamesAreCaseSensitive() {
      assertThat(SecretTemplateEngine.render("{{ .username | UPPER }}", DATA).error().message())
          .startsWith("unknown filter \"UPPER\"");
    }

    @Test
    void anUnknownFilterIsReportedEvenWhenTheKeyIsMissing() {
      assertThat(SecretTemplateEngine.render("{{ .missing | nope }}", DATA).error().message())
          .startsWith("unknown filter \"nope\"");
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "{{ .username",
          "a {{ .username }} b {{ .password",
          "{{",
          "x {{ \"}} }}",
          "{{ .username }"
        })
    void anUnterminatedPlaceholderIsReported(String template) {
      Outcome<byte[]> outcome = SecretTemplateEngine.render(template, DATA);

      assertInvalid(outcome);
      assertThat(outcome.error().message())
          .startsWith("unterminated placeholder \"{{")
          .contains("has no closing '}}'");
      assertNoValueIn(outcome.error().message());
    }

    @ParameterizedTest
    @CsvSource(
        delimiter = '#',
        quoteCharacter = '`',
        value = {
          "{{ }}                     # it is empty",
          "{{ . }}                   # expected a key after '.'",
          "{{ username }}            # expected .key, index . \"key\" or a \"quoted\" text",
          "{{ $x := .username }}     # expected .key, index . \"key\" or a \"quoted\" text",
          "{{- .username }}          # expected .key, index . \"key\" or a \"quoted\" text",
          "{{ .username password }}  # expected '|' or '}}' at \"password\"",
          "{{ .user name }}          # expected '|' or '}}' at \"name\"",
          "{{ .username | }}         # expected a filter name after '|'",
          "{{ .username || upper }}  # expected a filter name after '|'",
          "{{ .username | upper! }}  # expected '|' or '}}' at \"!\"",
          "{{ index . }}             # expected index . \"key\"",
          "{{ index .\"username\" }} # expected index . \"key\"",
          "{{ index username }}      # expected index . \"key\"",
          "{{ index . \"\" }}        # the key in index . \"key\" may hold only",
          "{{ index . \"a b\" }}     # the key in index . \"key\" may hold only",
          "{{ .a {{ .b }}            # expected '|' or '}}' at \"{{ .b\""
        })
    void aMalformedPlaceholderIsQuotedWithTheReason(String template, String reason) {
      Outcome<byte[]> outcome = SecretTemplateEngine.render(template.strip(), DATA);

      assertInvalid(outcome);
      assertThat(outcome.error().message())
          .startsWith("malformed placeholder \"{{")
          .contains(reason.strip());
      assertNoValueIn(outcome.error().message());
    }

    @Test
    void aLongMalformedPlaceholderIsCutInTheMessage() {
      String template = "{{ .a " + "x".repeat(200) + " }}";

      String message = SecretTemplateEngine.render(template, DATA).error().message();

      assertThat(message).hasSizeLessThan(200).contains("...");
    }

    @Test
    void aMissingTemplateIsAnError() {
      assertInvalid(SecretTemplateEngine.render(null, DATA));
    }

    private void assertNoValueIn(String message) {
      for (byte[] value : DATA.values()) {
        String text = new String(value, StandardCharsets.UTF_8).strip();
        assertThat(message).as("message must not hold a value").doesNotContain(text);
      }
    }
  }

  @Nested
  class ReferencedKeys {

    @Test
    void listsTheKeysInOrderOfFirstUseOnce() {
      assertThat(
              SecretTemplateEngine.referencedKeys(
                  "{{ .username }}:{{ .password | urlquery }}@{{ index . \"db.host\" }}/{{ .username | upper }}"))
          .containsExactly("username", "password", "db.host");
    }

    @Test
    void ignoresQuotedTextOperands() {
      assertThat(SecretTemplateEngine.referencedKeys("{{ \"{{\" }}{{ .a }}")).containsExactly("a");
    }

    @Test
    void isEmptyForATemplateWithoutPlaceholders() {
      assertThat(SecretTemplateEngine.referencedKeys("static")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{{ .a }} {{ .b", "{{ .a | nope }}", "{{ .a b }}"})
    void isEmptyForAMalformedTemplate(String template) {
      assertThat(SecretTemplateEngine.referencedKeys(template)).isEmpty();
    }

    @Test
    void isEmptyForNull() {
      assertThat(SecretTemplateEngine.referencedKeys(null)).isEmpty();
    }
  }

  @Nested
  class SyntaxProblem {

    @Test
    void isEmptyForAWellFormedTemplateWhateverItsKeys() {
      assertThat(SecretTemplateEngine.syntaxProblem("{{ .not-in-any-data | json }}")).isEmpty();
    }

    @Test
    void describesAMalformedTemplate() {
      assertThat(SecretTemplateEngine.syntaxProblem("{{ .a | nope }}"))
          .hasValueSatisfying(problem -> assertThat(problem).startsWith("unknown filter \"nope\""));
      assertThat(SecretTemplateEngine.syntaxProblem("{{ .a"))
          .hasValueSatisfying(
              problem -> assertThat(problem).startsWith("unterminated placeholder"));
      assertThat(SecretTemplateEngine.syntaxProblem(null)).contains("the template is missing");
    }
  }

  private static void assertInvalid(Outcome<byte[]> outcome) {
    assertThat(outcome.isOk()).as("%s", outcome).isFalse();
    assertThat(outcome.error().kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
    assertThat(outcome.error().message()).doesNotContain("\n");
  }

  private static byte[] render(String template) {
    return render(template, DATA);
  }

  private static byte[] render(String template, Map<String, byte[]> data) {
    Outcome<byte[]> outcome = SecretTemplateEngine.render(template, data);
    assertThat(outcome.isOk()).as("%s", outcome).isTrue();
    return outcome.value();
  }

  private static String text(String template) {
    return new String(render(template), StandardCharsets.UTF_8);
  }

  private static String text(String template, String key, String value) {
    return text(template, Map.of(key, bytes(value)));
  }

  private static String text(String template, Map<String, byte[]> data) {
    return new String(render(template, data), StandardCharsets.UTF_8);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
