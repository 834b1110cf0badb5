package dev.fidelius.operator.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NameRegexTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "(?:.|.|.|.|.|.|.|.)*?\\x00",
        "(a*)*b",
        "(a|a)*$x",
        "(?:a+)+z",
        "(.*a){12}b",
        "^(([a-z])+.)+[A-Z]([a-z])+$",
      })
  void catastrophicBacktrackingPatternsMatchInLinearTime(String hostile) {
    NameRegex regex = NameRegex.compile(hostile);
    String name = "a".repeat(4_000) + "!";

    long cpuBefore = cpuNanos();
    boolean matched = regex.matches(name);
    long cpu = cpuNanos() - cpuBefore;

    assertThat(matched).isFalse();
    // The JDK's engine does not finish these in minutes even on 11 characters; a linear engine
    // takes
    // milliseconds on 4,000. CPU time of this thread, not wall time, so a busy machine cannot fail
    // it.
    assertThat(cpu).as("CPU ns for %s", hostile).isLessThan(2_000_000_000L);
  }

  @Test
  void theIssuesPatternOnAnElevenCharacterName() {
    NameRegex regex = NameRegex.compile("(?:.|.|.|.|.|.|.|.)*?\\x00");

    assertThat(regex.matches("db_password")).isFalse();
    assertThat(regex.matches("db_pass\u0000")).isTrue();
  }

  @Test
  void ordinaryFiltersWorkUnanchoredAsBefore() {
    assertThat(NameRegex.compile("^feature_").matches("feature_x")).isTrue();
    assertThat(NameRegex.compile("^feature_").matches("x_feature_")).isFalse();
    assertThat(NameRegex.compile("db").matches("prod_db_url")).isTrue();
    assertThat(NameRegex.compile("^(db_password|prod\\.token)$").matches("prod.token")).isTrue();
    assertThat(NameRegex.compile("(?i)^API_").matches("api_key")).isTrue();
    assertThat(NameRegex.compile("^[0-9]{4}$").matches("2024")).isTrue();
  }

  @Test
  void syntaxRe2RefusesIsRefusedWithTheReason() {
    assertThatThrownBy(() -> NameRegex.compile("(?=lookahead)"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("is not a valid regular expression (RE2 syntax): ");
    assertThatThrownBy(() -> NameRegex.compile("(a)\\1"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> NameRegex.compile("a++")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> NameRegex.compile("[unclosed"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void nestedCountedRepetitionsAreRefusedBeforeCompiling() {
    // RE2/J would copy the operand a billion times and fill the heap.
    assertThatThrownBy(() -> NameRegex.compile("((a{1000}){1000}){1000}"))
        .hasMessage(
            "repeats too much: the counts of its {n,m} repetitions multiply to 1000000000, at most 1000"
                + " are allowed");
    assertThatThrownBy(() -> NameRegex.compile("((((a{100}){100}){100}){100})"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> NameRegex.compile("a{2,}".repeat(11)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void repeatCountingIgnoresEscapedBraces() {
    assertThat(NameRegex.repeatProduct("\\{1000}")).isEqualTo(1);
    assertThat(NameRegex.repeatProduct("\\\\{10}")).isEqualTo(10);
    assertThat(NameRegex.repeatProduct("a{3,5}b{2}c{4,}")).isEqualTo(5 * 2 * 5);
    assertThat(NameRegex.repeatProduct("a{99999999999999}"))
        .isGreaterThan(NameRegex.MAX_REPEAT_PRODUCT);
  }

  @Test
  void aPatternLongerThanTheLimitIsRefused() {
    assertThatThrownBy(() -> NameRegex.compile("a".repeat(NameRegex.MAX_LENGTH + 1)))
        .hasMessage("is 257 characters long; at most 256 are allowed");
    assertThat(NameRegex.compile("a".repeat(NameRegex.MAX_LENGTH)).matches("a".repeat(256)))
        .isTrue();
  }

  private static long cpuNanos() {
    return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
  }
}
