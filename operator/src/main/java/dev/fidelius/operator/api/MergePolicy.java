package dev.fidelius.operator.api;

/** How template keys combine with the keys synced from secrets. */
public enum MergePolicy {
  /** The Secret holds the synced keys plus the template keys (template keys win). */
  Merge,
  /** The Secret holds only the template keys. */
  Replace;
}
