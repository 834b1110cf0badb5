package dev.fidelius.operator.metrics;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric and label names a PromQL expression refers to, by a simple tokenizer: good enough for
 * the chart's own dashboard and alerts, which is what it checks against a real scrape.
 */
record PromQlReferences(Set<String> metrics, Set<String> labels) {

  private static final Set<String> KEYWORDS =
      Set.of(
          "by",
          "without",
          "and",
          "or",
          "unless",
          "on",
          "ignoring",
          "group_left",
          "group_right",
          "bool",
          "offset");
  private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"");
  private static final Pattern RANGE = Pattern.compile("\\[[^\\]]*\\]");
  private static final Pattern MATCHERS = Pattern.compile("\\{([^}]*)\\}");
  private static final Pattern MATCHER_LABEL = Pattern.compile("([a-zA-Z_]\\w*)\\s*(?:=~|!~|!=|=)");
  private static final Pattern GROUPING =
      Pattern.compile("\\b(?:by|without|on|ignoring)\\s*\\(([^)]*)\\)");
  private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

  static PromQlReferences of(String expr) {
    Set<String> metrics = new LinkedHashSet<>();
    Set<String> labels = new LinkedHashSet<>();
    String rest = STRING.matcher(expr).replaceAll("\"\"");
    rest = RANGE.matcher(rest).replaceAll(" ");
    Matcher matchers = MATCHERS.matcher(rest);
    while (matchers.find()) {
      Matcher label = MATCHER_LABEL.matcher(matchers.group(1));
      while (label.find()) {
        labels.add(label.group(1));
      }
    }
    rest = MATCHERS.matcher(rest).replaceAll(" ");
    Matcher grouping = GROUPING.matcher(rest);
    while (grouping.find()) {
      for (String label : grouping.group(1).split(",")) {
        if (!label.isBlank()) {
          labels.add(label.strip());
        }
      }
    }
    rest = GROUPING.matcher(rest).replaceAll(" ");
    Matcher identifier = IDENTIFIER.matcher(rest);
    while (identifier.find()) {
      String name = identifier.group();
      boolean isCall = rest.substring(identifier.end()).stripLeading().startsWith("(");
      boolean isNumberPart =
          identifier.start() > 0 && isDigitOrDot(rest.charAt(identifier.start() - 1));
      if (!isCall && !isNumberPart && !KEYWORDS.contains(name)) {
        metrics.add(name);
      }
    }
    return new PromQlReferences(metrics, labels);
  }

  private static boolean isDigitOrDot(char c) {
    return Character.isDigit(c) || c == '.';
  }
}
