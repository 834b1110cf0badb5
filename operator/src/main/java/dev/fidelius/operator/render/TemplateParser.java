package dev.fidelius.operator.render;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a template into literal text and placeholders. A placeholder runs from {@code {{} to the
 * first {@code }}} that is not inside a double-quoted string, so {@code {{ "}}" }} is one
 * placeholder. A lone {@code }}} outside a placeholder is plain text.
 */
final class TemplateParser {

  private static final String OPEN = "{{";
  private static final String CLOSE = "}}";

  private TemplateParser() {}

  static ParsedTemplate parse(String template) {
    List<TemplatePart> parts = new ArrayList<>();
    int pos = 0;
    while (pos < template.length()) {
      int open = template.indexOf(OPEN, pos);
      if (open < 0) {
        parts.add(new TemplatePart.Text(template.substring(pos)));
        break;
      }
      if (open > pos) {
        parts.add(new TemplatePart.Text(template.substring(pos, open)));
      }
      int close = closingBraces(template, open + OPEN.length());
      if (close < 0) {
        throw new TemplateException(
            "unterminated placeholder "
                + QuotedText.of(template.substring(open))
                + ": '{{' has no closing '}}' (or a '\"' inside it is not closed)");
      }
      String source = template.substring(open, close + CLOSE.length());
      parts.add(PlaceholderParser.parse(source, template.substring(open + OPEN.length(), close)));
      pos = close + CLOSE.length();
    }
    return new ParsedTemplate(parts);
  }

  /**
   * The index of the {@code }}} ending the placeholder whose body starts at {@code from}, or -1.
   */
  private static int closingBraces(String template, int from) {
    boolean inQuotes = false;
    for (int i = from; i < template.length(); i++) {
      char c = template.charAt(i);
      if (c == '"') {
        inQuotes = !inQuotes;
      } else if (!inQuotes && template.startsWith(CLOSE, i)) {
        return i;
      }
    }
    return -1;
  }
}
