package dev.fidelius.operator.render;

import java.util.List;

/** A piece of a parsed template: literal text, or a placeholder to fill in. */
sealed interface TemplatePart {

  /** Text copied to the output as UTF-8. */
  record Text(String text) implements TemplatePart {}

  /**
   * A {@code {{ ... }}} action: where its value comes from and the filters applied to it, left to
   * right.
   *
   * @param source the placeholder as written, braces included, for error messages
   */
  record Placeholder(String source, PlaceholderOperand operand, List<TemplateFilter> filters)
      implements TemplatePart {

    public Placeholder {
      filters = List.copyOf(filters);
    }
  }
}
