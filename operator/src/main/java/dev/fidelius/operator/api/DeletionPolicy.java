package dev.fidelius.operator.api;

/** What happens to synced keys when their source secret is deleted from the store. */
public enum DeletionPolicy {
  /** Keep the last synced data (default): a vanished source never blanks a Secret. */
  Retain,
  /** Remove the keys of a source confirmed NotFound; delete an owned Secret left empty. */
  Delete;
}
