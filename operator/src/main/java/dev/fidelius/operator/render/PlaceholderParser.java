package dev.fidelius.operator.render;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses the inside of one placeholder, between {@code {{} and {@code }}}:
 *
 * <pre>
 *   placeholder := operand ( "|" filter )*
 *   operand     := "." key  |  "index" "." "\"" key "\""  |  "\"" text "\""
 *   key         := [-._a-zA-Z0-9]+         (a Secret data key)
 *   filter      := [a-zA-Z0-9]+            (one of {@link TemplateFilter})
 *   text        := any characters but '"'  (no escapes)
 * </pre>
 *
 * Whitespace may separate tokens and surround the whole; {@code index} needs whitespace after it.
 * At most {@link RenderLimits#MAX_FILTERS_PER_PLACEHOLDER} filters.
 */
final class PlaceholderParser {

  private final String source;
  private final String body;
  private int pos;

  private PlaceholderParser(String source, String body) {
    this.source = source;
    this.body = body;
  }

  /**
   * @param source the whole placeholder, braces included, quoted in error messages
   * @param body the text between the braces
   */
  static TemplatePart.Placeholder parse(String source, String body) {
    return new PlaceholderParser(source, body).placeholder();
  }

  private TemplatePart.Placeholder placeholder() {
    skipWhitespace();
    if (atEnd()) {
      throw malformed("it is empty; write {{ .key }}");
    }
    PlaceholderOperand operand = operand();
    List<TemplateFilter> filters = new ArrayList<>();
    skipWhitespace();
    while (!atEnd()) {
      if (body.charAt(pos) != '|') {
        throw malformed("expected '|' or '}}' at " + QuotedText.of(body.substring(pos).strip()));
      }
      pos++;
      skipWhitespace();
      filters.add(filter());
      if (filters.size() > RenderLimits.MAX_FILTERS_PER_PLACEHOLDER) {
        throw malformed("more than " + RenderLimits.MAX_FILTERS_PER_PLACEHOLDER + " filters");
      }
      skipWhitespace();
    }
    return new TemplatePart.Placeholder(source, operand, filters);
  }

  private PlaceholderOperand operand() {
    char first = body.charAt(pos);
    if (first == '.') {
      pos++;
      String key = keyChars();
      if (key.isEmpty()) {
        throw malformed("expected a key after '.', as in {{ .username }}");
      }
      return new PlaceholderOperand.Key(key);
    }
    if (first == '"') {
      return new PlaceholderOperand.Literal(quoted());
    }
    String word = word();
    if (word.equals("index")) {
      return indexOperand();
    }
    throw malformed("expected .key, index . \"key\" or a \"quoted\" text at the start");
  }

  /**
   * {@code index . "key"}, for keys that read better quoted; the word "index" is already consumed.
   */
  private PlaceholderOperand indexOperand() {
    if (!skipWhitespace() || atEnd() || body.charAt(pos) != '.') {
      throw malformed("expected index . \"key\"");
    }
    pos++;
    if (!skipWhitespace() || atEnd() || body.charAt(pos) != '"') {
      throw malformed("expected index . \"key\"");
    }
    String key = quoted();
    if (key.isEmpty() || !key.chars().allMatch(c -> SecretKeys.isAllowed((char) c))) {
      throw malformed("the key in index . \"key\" may hold only letters, digits, '-', '_' and '.'");
    }
    return new PlaceholderOperand.Key(key);
  }

  private TemplateFilter filter() {
    String name = word();
    if (name.isEmpty()) {
      throw malformed("expected a filter name after '|'");
    }
    return TemplateFilter.named(name)
        .orElseThrow(
            () ->
                new TemplateException(
                    "unknown filter "
                        + QuotedText.of(name)
                        + " in "
                        + QuotedText.of(source)
                        + "; the filters are "
                        + TemplateFilter.names()));
  }

  /** A double-quoted string; the caller has seen the opening quote at pos. */
  private String quoted() {
    int close = body.indexOf('"', pos + 1);
    if (close < 0) {
      throw malformed("a '\"' is not closed");
    }
    String text = body.substring(pos + 1, close);
    pos = close + 1;
    return text;
  }

  private String keyChars() {
    int start = pos;
    while (!atEnd() && SecretKeys.isAllowed(body.charAt(pos))) {
      pos++;
    }
    return body.substring(start, pos);
  }

  private String word() {
    int start = pos;
    while (!atEnd() && isWordChar(body.charAt(pos))) {
      pos++;
    }
    return body.substring(start, pos);
  }

  /** Skips whitespace and tells whether there was any. */
  private boolean skipWhitespace() {
    int start = pos;
    while (!atEnd() && isWhitespace(body.charAt(pos))) {
      pos++;
    }
    return pos > start;
  }

  private boolean atEnd() {
    return pos >= body.length();
  }

  private TemplateException malformed(String why) {
    return new TemplateException("malformed placeholder " + QuotedText.of(source) + ": " + why);
  }

  private static boolean isWordChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }

  private static boolean isWhitespace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
  }
}
