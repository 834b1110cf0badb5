package dev.fidelius.operator.render;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Fills a parsed template's placeholders from Secret data, within a {@link RenderBudget}: every
 * piece is checked against the bytes the Secret has left before it is built or copied.
 */
final class TemplateRenderer {

  /**
   * How many available keys an unknown-key message lists before it stops, to keep it one short
   * line.
   */
  private static final int MAX_KEYS_LISTED = 20;

  private TemplateRenderer() {}

  /** Renders {@code template}; spends the output's bytes from {@code budget}. */
  static byte[] render(ParsedTemplate template, Map<String, byte[]> data, RenderBudget budget) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (TemplatePart part : template.parts()) {
      byte[] piece;
      String what;
      if (part instanceof TemplatePart.Text text) {
        piece = text.text().getBytes(StandardCharsets.UTF_8);
        what = "the template's text";
      } else {
        TemplatePart.Placeholder placeholder = (TemplatePart.Placeholder) part;
        piece = fill(placeholder, data, budget);
        what = "placeholder " + QuotedText.of(placeholder.source());
      }
      budget.spend(piece.length, what);
      out.writeBytes(piece);
    }
    return out.toByteArray();
  }

  private static byte[] fill(
      TemplatePart.Placeholder placeholder, Map<String, byte[]> data, RenderBudget budget) {
    byte[] value = operandValue(placeholder.operand(), data);
    for (TemplateFilter filter : placeholder.filters()) {
      try {
        value = filter.apply(value, budget);
      } catch (TemplateException e) {
        throw new TemplateException(
            "in " + QuotedText.of(placeholder.source()) + ": " + e.getMessage());
      }
    }
    return value;
  }

  private static byte[] operandValue(PlaceholderOperand operand, Map<String, byte[]> data) {
    if (operand instanceof PlaceholderOperand.Literal literal) {
      return literal.text().getBytes(StandardCharsets.UTF_8);
    }
    String key = ((PlaceholderOperand.Key) operand).key();
    byte[] value = data.get(key);
    if (value == null) {
      throw new TemplateException(
          "the template uses key "
              + QuotedText.of(key)
              + ", which is not among "
              + availableKeys(data));
    }
    return value;
  }

  /** The data's keys (never its values), sorted and capped. */
  private static String availableKeys(Map<String, byte[]> data) {
    if (data.isEmpty()) {
      return "the available keys: there are none";
    }
    TreeSet<String> sorted = new TreeSet<>(data.keySet());
    String listed =
        sorted.stream()
            .limit(MAX_KEYS_LISTED)
            .map(TemplateRenderer::shown)
            .collect(Collectors.joining(", "));
    int more = sorted.size() - MAX_KEYS_LISTED;
    return "the available keys [" + listed + (more > 0 ? ", and " + more + " more" : "") + "]";
  }

  /**
   * A valid key as it is; anything else quoted, so that odd characters cannot break the message.
   */
  private static String shown(String key) {
    return SecretKeys.problem(key).isEmpty() ? key : QuotedText.of(key);
  }
}
