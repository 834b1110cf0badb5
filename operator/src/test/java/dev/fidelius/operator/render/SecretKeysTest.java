package dev.fidelius.operator.render;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SecretKeysTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "a",
        "Z",
        "0",
        "password",
        "DB_PASSWORD",
        "db-password",
        "tls.crt",
        ".dockerconfigjson",
        "...",
        "-",
        "_",
        "a.b-c_D9"
      })
  void acceptsKeysTheApiServerAccepts(String key) {
    assertThat(SecretKeys.problem(key)).isEmpty();
  }

  @Test
  void acceptsAKeyOfExactly253Characters() {
    assertThat(SecretKeys.problem("k".repeat(253))).isEmpty();
  }

  @Test
  void refusesAKeyOf254CharactersSayingHowLongItIsAndQuotingOnlyItsStart() {
    String key = "k".repeat(254);

    String problem = SecretKeys.problem(key).orElseThrow();

    assertThat(problem).contains("254 characters").contains("at most 253");
    assertThat(problem).doesNotContain(key).contains("\"" + "k".repeat(60) + "...\"");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "a b",
        "db/password",
        "db:password",
        "pässword",
        "key=value",
        "tab\tkey",
        "a+b",
        "*"
      })
  void refusesKeysWithCharactersOutsideTheAllowedSet(String key) {
    assertThat(SecretKeys.problem(key))
        .hasValueSatisfying(
            problem ->
                assertThat(problem).endsWith("only letters, digits, '-', '_' and '.' are allowed"));
  }

  @Test
  void quotesTheOffendingKeyInTheMessage() {
    assertThat(SecretKeys.problem("a b"))
        .contains("key \"a b\": only letters, digits, '-', '_' and '.' are allowed");
  }

  @Test
  void keepsTheMessageOnOneLineWhenTheKeyHoldsANewline() {
    String problem = SecretKeys.problem("line1\nline2").orElseThrow();

    assertThat(problem).doesNotContain("\n").contains("line1\\u000aline2");
  }

  @ParameterizedTest
  @ValueSource(strings = {".", ".."})
  void refusesDotAndDotDotWhichWouldBePathComponentsInAVolume(String key) {
    assertThat(SecretKeys.problem(key))
        .hasValueSatisfying(
            problem -> assertThat(problem).contains("\".\" and \"..\" are not allowed"));
  }

  @Test
  void refusesAnEmptyKey() {
    assertThat(SecretKeys.problem(""))
        .hasValueSatisfying(problem -> assertThat(problem).contains("empty"));
  }

  @Test
  void refusesANullKey() {
    assertThat(SecretKeys.problem(null)).contains("key is missing");
  }
}
