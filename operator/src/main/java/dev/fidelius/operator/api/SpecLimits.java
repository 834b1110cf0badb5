package dev.fidelius.operator.api;

/**
 * Bounds on tenant-written FideliusSecret fields, in one place for the CRD schema (annotations on
 * the API classes) and the code that enforces them again when it reads a spec. The README's "Limits
 * and protections" lists them.
 */
public final class SpecLimits {

  /** Items of {@code spec.data}. */
  public static final int MAX_DATA_ITEMS = 500;

  /** Items of {@code spec.dataFrom}. */
  public static final int MAX_DATA_FROM = 50;

  /** Characters of one template in {@code spec.target.template.data}. */
  public static final int MAX_TEMPLATE_CHARS = 65_536;

  /** Keys of {@code spec.target.template.data}. */
  public static final int MAX_TEMPLATE_KEYS = 100;

  /** Characters of {@code dataFrom[].find.nameRegex}. */
  public static final int MAX_NAME_REGEX_CHARS = 256;

  /** Characters of a secret's short name, version, stage or JSON property. */
  public static final int MAX_NAME_CHARS = 512;

  /** A Secret data key (the API server's own limit). */
  public static final int MAX_KEY_CHARS = 253;

  /** Labels, and annotations, added to the target Secret. */
  public static final int MAX_TARGET_METADATA_ENTRIES = 64;

  /** {@code spec.rolloutRestartTargets}. */
  public static final int MAX_ROLLOUT_TARGETS = 20;

  /** A Secret type ({@code domain/name}: a DNS subdomain, a slash, a name). */
  public static final int MAX_SECRET_TYPE_CHARS = 253 + 1 + 63;

  /** Rules of a store's {@code spec.access.rules} (checked by the operator, not the schema). */
  public static final int MAX_ALLOW_RULES = 256;

  /** Entries of one allow rule's namespaces, applications or sdlcs. */
  public static final int MAX_ALLOW_RULE_PATTERNS = 64;

  /** Characters of one pattern of an allow rule. */
  public static final int MAX_ALLOW_PATTERN_CHARS = 253;

  /** Rules of a store's {@code spec.access.deny}. */
  public static final int MAX_DENY_RULES = 32;

  /** Entries of one deny rule's namespaces, applications or sdlcs. */
  public static final int MAX_DENY_RULE_PATTERNS = 16;

  /** Characters of one pattern of a deny rule. */
  public static final int MAX_DENY_PATTERN_CHARS = 128;

  /** Labels plus expressions of one deny rule's namespaceSelector, and values of one expression. */
  public static final int MAX_DENY_SELECTOR_TERMS = 16;

  private SpecLimits() {}
}
