package dev.fidelius.operator.render;

/**
 * Quotes a key or a piece of template text for an error message. The result stays on one line
 * (control characters are escaped) and short (long text is cut), because messages end up in a
 * resource's status. Only ever called with keys and template text, which are not secret; never with
 * a value.
 */
final class QuotedText {

  private static final int MAX_CHARS = 60;

  private QuotedText() {}

  static String of(String text) {
    StringBuilder quoted = new StringBuilder("\"");
    int shown = Math.min(text.length(), MAX_CHARS);
    for (int i = 0; i < shown; i++) {
      char c = text.charAt(i);
      if (c == '"' || c == '\\') {
        quoted.append('\\').append(c);
      } else if (c < 0x20 || c == 0x7f) {
        quoted.append(String.format("\\u%04x", (int) c));
      } else {
        quoted.append(c);
      }
    }
    if (shown < text.length()) {
      quoted.append("...");
    }
    return quoted.append('"').toString();
  }
}
