package dev.fidelius.operator.render;

/**
 * The {@code json} filter's encoding: text as a JSON string literal, quotes included, so a value can be put
 * into a JSON document (for example a config file template) whatever characters it holds. Escapes the quote,
 * the backslash and every control character (RFC 8259); other characters, non-ASCII included, stay as they
 * are.
 */
final class JsonStringLiteral {

  private JsonStringLiteral() {
  }

  static String of(String text) {
    StringBuilder literal = new StringBuilder(text.length() + 2).append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> literal.append("\\\"");
        case '\\' -> literal.append("\\\\");
        case '\b' -> literal.append("\\b");
        case '\f' -> literal.append("\\f");
        case '\n' -> literal.append("\\n");
        case '\r' -> literal.append("\\r");
        case '\t' -> literal.append("\\t");
        default -> {
          if (c < 0x20) {
            literal.append(String.format("\\u%04x", (int) c));
          } else {
            literal.append(c);
          }
        }
      }
    }
    return literal.append('"').toString();
  }
}
