package dev.fidelius.operator.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NamePatternTest {

  @ParameterizedTest(name = "\"{0}\" matches \"{1}\": {2}")
  @CsvSource({
    "team-a,    team-a,     true",
    "team-a,    team-ab,    false",
    "team-a,    team,       false",
    "team-*,    team-a,     true",
    "team-*,    team-,      true",
    "team-*,    team,       false",
    "team-*,    my-team-a,  false",
    "*-prod,    pay-prod,   true",
    "*-prod,    pay-prod-2, false",
    "pay*ments, payments,   true",
    "pay*ments, pay-ments,  true",
    "pay*ments, paymentsx,  false",
    "a*b*c,     a-b-b-c,    true",
    "a*b*c,     a-c-b,      false",
    "*a*,       banana,     true",
    "*,         anything,   true",
    "**,        x,          true",
    "team-*-*,  team-a-b,   true",
    "team-*-*,  team-a,     false",
  })
  void matchesNamesAndGlobs(String pattern, String name, boolean matches) {
    assertThat(NamePattern.caseSensitive(pattern).matches(name)).isEqualTo(matches);
  }

  @ParameterizedTest(name = "\"{0}\" matches only itself, not \"{1}\"")
  @CsvSource({
    "team.a,   teamXa",
    "a+,       aa",
    "[ab],     a",
    "a?,       ab",
    "(a|b),    a",
    "^a$,      a",
    "a\\d,     a1",
  })
  void treatsRegexCharactersAsThemselves(String pattern, String notMatching) {
    assertThat(NamePattern.caseSensitive(pattern).matches(notMatching)).isFalse();
    assertThat(NamePattern.caseSensitive(pattern).matches(pattern)).isTrue();
  }

  @Test
  void caseSensitivePatternsRespectCase() {
    assertThat(NamePattern.caseSensitive("Team-A").matches("team-a")).isFalse();
    assertThat(NamePattern.caseSensitive("team-*").matches("TEAM-a")).isFalse();
  }

  @Test
  void caseInsensitivePatternsIgnoreCase() {
    assertThat(NamePattern.caseInsensitive("PAYMENTS").matches("payments")).isTrue();
    assertThat(NamePattern.caseInsensitive("pay*").matches("PAYROLL")).isTrue();
    assertThat(NamePattern.caseInsensitive("Dev").matches("dEV")).isTrue();
    assertThat(NamePattern.caseInsensitive("dev").matches("prod")).isFalse();
  }

  @Test
  void caseInsensitivePatternsFoldOnlyAsciiLettersAsTheBackendsDo() {
    String kelvinSign = "\u212A";
    String dottedCapitalI = "\u0130";

    assertThat(NamePattern.caseInsensitive("kpay").matches(kelvinSign + "PAY"))
        .as("the backend would read application %sPAY, not KPAY", kelvinSign)
        .isFalse();
    assertThat(NamePattern.caseInsensitive("prod-i").matches("PROD-" + dottedCapitalI)).isFalse();
    assertThat(NamePattern.caseInsensitive(kelvinSign + "pay").matches(kelvinSign + "PAY"))
        .isTrue();
  }

  @Test
  void aNullOrEmptyNameMatchesNothingNotEvenTheWildcard() {
    assertThat(NamePattern.caseSensitive("*").matches(null)).isFalse();
    assertThat(NamePattern.caseSensitive("*").matches("")).isFalse();
    assertThat(NamePattern.caseInsensitive("*").matches(null)).isFalse();
  }

  @Test
  void anEmptyPatternMatchesNoName() {
    assertThat(NamePattern.caseSensitive("").matches("a")).isFalse();
  }

  @Test
  void aHostilePatternStillMatchesQuickly() {
    String pattern = "*a".repeat(50) + "b";
    String name = "a".repeat(5_000);

    assertTimeoutPreemptively(
        Duration.ofSeconds(5),
        () -> assertThat(NamePattern.caseSensitive(pattern).matches(name)).isFalse());
  }
}
