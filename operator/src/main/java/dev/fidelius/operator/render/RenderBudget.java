package dev.fidelius.operator.render;

/**
 * The bytes a Secret still has room for while it is being rendered. Every producer of bytes (a
 * filter, a placeholder's value, literal text) asks before it allocates, so a template whose output
 * would pass the Secret size limit is refused when it reaches the limit, never after it has built a
 * larger value: no template can make rendering allocate more than a small multiple of {@link
 * SecretSizeLimit#MAX_BYTES}.
 */
final class RenderBudget {

  private long remaining;

  RenderBudget(long bytes) {
    this.remaining = Math.max(0, bytes);
  }

  /** Bytes left. */
  long remaining() {
    return remaining;
  }

  /**
   * Refuses a value of {@code bytes} bytes before it is built, when it alone would not fit in what
   * is left. Intermediate values (a filter's output that the next filter consumes) are checked this
   * way too.
   *
   * @param what names the producer in the message, e.g. "filter base64"
   */
  void check(long bytes, String what) {
    if (bytes > remaining) {
      throw new TemplateException(
          what
              + " would produce "
              + bytes
              + " bytes, more than the "
              + remaining
              + " bytes left under the Secret size limit of "
              + SecretSizeLimit.DATA_LIMIT_BYTES
              + " bytes");
    }
  }

  /** Counts {@code bytes} written to the Secret, after {@link #check}ing them. */
  void spend(long bytes, String what) {
    check(bytes, what);
    remaining -= bytes;
  }
}
