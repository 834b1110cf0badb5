package dev.fidelius.operator.render;

import dev.fidelius.operator.api.SpecLimits;

/**
 * Bounds on what a tenant may write in a template, checked before parsing. The same numbers are in
 * the CRD schema ({@code spec.target.template}) and in the README's "Limits and protections".
 */
public final class RenderLimits {

  /**
   * Characters of one template. Keeps parsing cheap; 64 KiB is far above any connection string or
   * config.
   */
  public static final int MAX_TEMPLATE_CHARS = SpecLimits.MAX_TEMPLATE_CHARS;

  /** Filters in one placeholder. More has no use (each filter is a plain transformation). */
  public static final int MAX_FILTERS_PER_PLACEHOLDER = 8;

  /** Computed keys in one template ({@code spec.target.template.data}). */
  public static final int MAX_TEMPLATE_KEYS = SpecLimits.MAX_TEMPLATE_KEYS;

  private RenderLimits() {}
}
