package dev.fidelius.operator.render;

/**
 * The {@code json} filter's encoding: text as a JSON string literal, quotes included, so a value
 * can be put into a JSON document (for example a config file template) whatever characters it
 * holds. Escapes the quote, the backslash and every control character (RFC 8259); other characters,
 * non-ASCII included, stay as they are.
 */
final class JsonStringLiteral {

  private JsonStringLiteral() {}

  /**
   * The UTF-8 length of {@link #of}'s result for UTF-8 {@code value}, computed on the bytes without
   * building it: every byte that needs an escape is ASCII, and multi-byte characters are copied as
   * they are.
   */
  static long encodedLength(byte[] value) {
    long length = 2;
    for (byte b : value) {
      int c = b & 0xff;
      if (c == '"' || c == '\\' || c == '\b' || c == '\f' || c == '\n' || c == '\r' || c == '\t') {
        length += 2;
      } else if (c < 0x20) {
        length += 6;
      } else {
        length += 1;
      }
    }
    return length;
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
