package dev.fidelius.operator.render;

/**
 * A template that cannot be parsed or rendered. It never leaves this package: {@link
 * SecretTemplateEngine} turns it into an INVALID_REQUEST outcome. Its message names keys, filters
 * and template text, never a value.
 */
final class TemplateException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  TemplateException(String message) {
    // No stack trace: this is an expected user error, reported as an outcome, never logged with a
    // trace.
    super(message, null, false, false);
  }
}
