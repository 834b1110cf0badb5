package dev.fidelius.operator.render;

/** Where a placeholder's value comes from, before its filters. */
sealed interface PlaceholderOperand {

  /** A Secret key: {@code .key} or {@code index . "key"}. */
  record Key(String key) implements PlaceholderOperand {}

  /** A quoted string written in the template itself: {@code "{{"}. */
  record Literal(String text) implements PlaceholderOperand {}
}
