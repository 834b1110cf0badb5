package dev.fidelius.operator.api;

/** Who owns the target Secret. */
public enum CreationPolicy {
  /** Create the Secret and own it: it is garbage-collected with the FideliusSecret. */
  Owner,
  /** Only add keys to an existing Secret (which may be unmanaged); never create it. */
  Merge,
  /** Create the Secret but do not own it: it stays when the FideliusSecret is deleted. */
  Orphan;
}
