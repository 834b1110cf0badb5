package dev.fidelius.cli.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A command's result as rows of named columns, printed as an aligned table (column names
 * upper-cased, empty cells as {@code -}), a JSON array or a YAML list, with the columns in the
 * order given.
 */
public final class Rows {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final ObjectMapper YAML =
      new ObjectMapper(
          new YAMLFactory()
              .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
              .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

  private final List<String> columns;
  private final List<Map<String, Object>> rows = new ArrayList<>();

  public Rows(String... columns) {
    this.columns = List.of(columns);
  }

  /** Adds a row; values in column order, null for none. */
  public Rows add(Object... values) {
    Map<String, Object> row = new LinkedHashMap<>();
    for (int i = 0; i < columns.size(); i++) {
      row.put(columns.get(i), i < values.length ? values[i] : null);
    }
    rows.add(row);
    return this;
  }

  public boolean isEmpty() {
    return rows.isEmpty();
  }

  public void print(OutputFormat format, PrintWriter out) {
    switch (format) {
      case JSON -> out.println(write(JSON, rows).strip());
      case YAML -> out.print(rows.isEmpty() ? "[]\n" : write(YAML, rows));
      default -> printTable(out);
    }
    out.flush();
  }

  /** One object (not a list) in the chosen format; a table shows it as KEY VALUE lines. */
  public static void printObject(Map<String, Object> object, OutputFormat format, PrintWriter out) {
    switch (format) {
      case JSON -> out.println(write(JSON, object).strip());
      case YAML -> out.print(write(YAML, object));
      default -> {
        Rows table = new Rows("key", "value");
        object.forEach((k, v) -> table.add(k, v));
        table.printTable(out);
      }
    }
    out.flush();
  }

  static String write(ObjectMapper mapper, Object value) {
    try {
      return mapper.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void printTable(PrintWriter out) {
    int[] widths = new int[columns.size()];
    for (int i = 0; i < columns.size(); i++) {
      widths[i] = headerOf(columns.get(i)).length();
      for (Map<String, Object> row : rows) {
        widths[i] = Math.max(widths[i], cell(row.get(columns.get(i))).length());
      }
    }
    StringBuilder header = new StringBuilder();
    for (int i = 0; i < columns.size(); i++) {
      header.append(pad(headerOf(columns.get(i)), widths[i], i == columns.size() - 1));
    }
    out.println(header.toString().stripTrailing());
    for (Map<String, Object> row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < columns.size(); i++) {
        line.append(pad(cell(row.get(columns.get(i))), widths[i], i == columns.size() - 1));
      }
      out.println(line.toString().stripTrailing());
    }
  }

  /** {@code updatedOn} becomes {@code UPDATED-ON}, as kubectl heads its columns. */
  private static String headerOf(String column) {
    return column.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toUpperCase(Locale.ROOT);
  }

  private static String cell(Object value) {
    if (value == null) {
      return "-";
    }
    String text =
        value instanceof List<?> list
            ? String.join(",", list.stream().map(String::valueOf).toList())
            : String.valueOf(value);
    // One line per row, whatever a message holds.
    return text.isEmpty() ? "-" : text.replaceAll("\\s+", " ");
  }

  private static String pad(String text, int width, boolean last) {
    return last ? text : text + " ".repeat(width - text.length() + 3);
  }
}
