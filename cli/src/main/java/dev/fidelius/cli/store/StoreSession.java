package dev.fidelius.cli.store;

import dev.fidelius.operator.backend.Outcome;
import dev.fidelius.operator.backend.SecretId;
import dev.fidelius.operator.backend.SecretListing;
import dev.fidelius.operator.backend.SecretScope;
import dev.fidelius.operator.backend.SecretValue;
import dev.fidelius.writer.fidelius.VersionHistoryEntry;
import java.util.List;
import java.util.Optional;

/**
 * One store, reached with the user's identity: what the store commands do to it. Reads go through
 * the operator's own readers, writes through the writer module, so names, formats and fallbacks are
 * the operator's. Never throws for AWS failures.
 */
public interface StoreSession extends AutoCloseable {

  /** How messages name the store. */
  String description();

  /** The newest version, or the one given. */
  Outcome<SecretValue> get(SecretId id, Optional<String> version);

  /** A new version; returns its id. */
  Outcome<String> put(SecretId id, String value);

  /** Every version, newest first, without values. */
  Outcome<List<VersionHistoryEntry>> history(SecretId id);

  /** Every secret of the scope with its current version, without values. */
  Outcome<List<SecretListing>> list(SecretScope scope);

  /** Deletes every version; returns how many went (0 when there was nothing). */
  Outcome<Integer> delete(SecretId id);

  @Override
  void close();
}
