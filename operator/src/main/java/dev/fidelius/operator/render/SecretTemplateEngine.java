package dev.fidelius.operator.render;

import dev.fidelius.operator.backend.ErrorKind;
import dev.fidelius.operator.backend.Outcome;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Renders the templates of a Secret's computed keys, such as
 * {@code postgres://{{ .username }}:{{ .password | urlquery }}@db:5432/app}.
 *
 * <h2>Syntax</h2>
 * A template is text with placeholders. A placeholder is {@code {{ operand | filter | filter ... }}};
 * whitespace inside the braces is optional. The operand is one of:
 * <ul>
 *   <li>{@code .key} - the value of a Secret key; a key may hold {@code [-._a-zA-Z0-9]}, so
 *       {@code {{ .db-password }}} and {@code {{ .db.password }}} read the keys "db-password" and
 *       "db.password" (a dotted key is one key, not a path);
 *   <li>{@code index . "key"} - the same, for those who prefer keys quoted (Go template style);
 *   <li>{@code "text"} - the text itself, without escapes (it cannot hold a {@code "}).
 * </ul>
 * Filters apply left to right: {@code urlquery}, {@code base64}, {@code base64decode}, {@code trim},
 * {@code upper}, {@code lower}, {@code json} (see {@link TemplateFilter}). Values are bytes: without
 * filters, or through {@code urlquery}, {@code base64} and {@code base64decode}, they are copied as bytes;
 * {@code trim}, {@code upper}, {@code lower} and {@code json} need UTF-8 text. Literal text is written as
 * UTF-8.
 *
 * <h2>Literal braces</h2>
 * Every {@code {{} starts a placeholder. To write a literal {@code {{}, use the quoted operand:
 * {@code {{ "{{" }}}. A lone {@code }}} outside a placeholder, and single braces, are plain text.
 *
 * <h2>Limits</h2>
 * A template holds at most {@link RenderLimits#MAX_TEMPLATE_CHARS} characters and a placeholder at most
 * {@link RenderLimits#MAX_FILTERS_PER_PLACEHOLDER} filters. Rendering stops as soon as the output (or any
 * value on its way through the filters) would pass the bytes the Secret has left under its size limit.
 *
 * <h2>Errors</h2>
 * Every error is an {@link ErrorKind#INVALID_REQUEST} outcome whose message names the placeholder, the
 * key or the filter at fault, and lists the available keys for an unknown key; it never holds a value.
 */
public final class SecretTemplateEngine {

  private SecretTemplateEngine() {}

  /**
   * Renders {@code template} with the values of {@code data}, into at most a whole Secret's size.
   */
  public static Outcome<byte[]> render(String template, Map<String, byte[]> data) {
    return render(template, data, new RenderBudget(SecretSizeLimit.DATA_LIMIT_BYTES));
  }

  /**
   * Renders {@code template}, spending its output from {@code budget} (the room left in the
   * Secret).
   */
  static Outcome<byte[]> render(String template, Map<String, byte[]> data, RenderBudget budget) {
    if (template == null) {
      return Outcome.failed(ErrorKind.INVALID_REQUEST, "the template is missing");
    }
    try {
      return Outcome.ok(
          TemplateRenderer.render(parse(template), data == null ? Map.of() : data, budget));
    } catch (TemplateException e) {
      return Outcome.failed(ErrorKind.INVALID_REQUEST, e.getMessage());
    }
  }

  private static ParsedTemplate parse(String template) {
    if (template.length() > RenderLimits.MAX_TEMPLATE_CHARS) {
      throw new TemplateException(
          "the template is "
              + template.length()
              + " characters long; at most "
              + RenderLimits.MAX_TEMPLATE_CHARS
              + " are allowed");
    }
    return TemplateParser.parse(template);
  }

  /**
   * The keys the template reads, in order of first use. A malformed template (or null) gives an
   * empty set: this answers "which keys does it need", and {@link #render} or {@link
   * #syntaxProblem} reports why it is malformed.
   */
  public static Set<String> referencedKeys(String template) {
    if (template == null) {
      return Set.of();
    }
    try {
      return parse(template).referencedKeys();
    } catch (TemplateException e) {
      return Set.of();
    }
  }

  /**
   * Why the template cannot be parsed (unterminated or malformed placeholder, unknown filter), or
   * empty when it can; checks the syntax only, not that its keys exist.
   */
  public static Optional<String> syntaxProblem(String template) {
    if (template == null) {
      return Optional.of("the template is missing");
    }
    try {
      parse(template);
      return Optional.empty();
    } catch (TemplateException e) {
      return Optional.of(e.getMessage());
    }
  }
}
