package dev.fidelius.cli.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class RowsTest {

  private final Rows rows =
      new Rows("name", "updatedOn", "message")
          .add("db_password", "2026-12-01T11:15:57Z", "two\nlines")
          .add("k", null, List.of("a", "b"));

  @Test
  void tablesAlignColumnsWithKubectlStyleHeadersAndOneLinePerRow() {
    assertThat(print(OutputFormat.TABLE))
        .isEqualTo(
            """
        NAME          UPDATED-ON             MESSAGE
        db_password   2026-12-01T11:15:57Z   two lines
        k             -                      a,b
        """);
  }

  @Test
  void jsonAndYamlKeepTheColumnNamesAndNulls() {
    assertThat(print(OutputFormat.JSON))
        .contains("\"updatedOn\" : null", "\"message\" : [ \"a\", \"b\" ]");
    assertThat(print(OutputFormat.YAML))
        .startsWith("- name: db_password")
        .contains("updatedOn: null");
    assertThat(printEmpty(OutputFormat.YAML)).isEqualTo("[]\n");
    assertThat(printEmpty(OutputFormat.JSON)).isEqualTo("[ ]\n");
  }

  private String print(OutputFormat format) {
    StringWriter out = new StringWriter();
    rows.print(format, new PrintWriter(out));
    return out.toString();
  }

  private static String printEmpty(OutputFormat format) {
    StringWriter out = new StringWriter();
    new Rows("a").print(format, new PrintWriter(out));
    return out.toString();
  }
}
