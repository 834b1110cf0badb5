package dev.fidelius.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ExportFormatsTest {

  @Test
  void dotenvNamesAreUpperCaseIdentifiers() {
    assertThat(ExportCommand.envName("db.password")).isEqualTo("DB_PASSWORD");
    assertThat(ExportCommand.envName("api-key")).isEqualTo("API_KEY");
    assertThat(ExportCommand.envName("1st")).isEqualTo("_1ST");
  }

  @Test
  void dotenvValuesAreQuotedSoThatNothingExpandsOrBreaksTheLine() {
    assertThat(ExportCommand.dotenvQuoted("a\"b\\c$HOME\nd"))
        .isEqualTo("\"a\\\"b\\\\c\\$HOME\\nd\"");
  }
}
