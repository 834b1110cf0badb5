package dev.fidelius.operator.backend;

/**
 * A store announced that one of its names changed: only a trigger, never data (the sync then reads
 * the new version as usual). Each backend says which of the secrets and scopes it serves the name
 * concerns, under its own naming and case rules, so that exactly the resources reading it are
 * triggered.
 */
public interface ChangeNotice {

  /**
   * Whether a read of {@code id} at its latest version could now see something else (itself or a
   * fallback).
   */
  boolean concerns(SecretId id);

  /** Whether a listing of {@code scope} could now differ. */
  boolean concerns(SecretScope scope);
}
