package dev.fidelius.cli.commands;

import dev.fidelius.cli.store.ScopeOptions;
import dev.fidelius.cli.store.StoreSession;
import dev.fidelius.operator.backend.ErrorKind;
import dev.fidelius.operator.backend.Outcome;
import dev.fidelius.operator.backend.SecretListing;
import dev.fidelius.operator.backend.SecretScope;
import dev.fidelius.operator.backend.SecretValue;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Reads of a whole scope, or of the names given, that diff, copy and export share. */
final class ScopeReads {

  private ScopeReads() {}

  /** The short names to act on: those given, else every secret of the scope. */
  static List<String> names(StoreSession session, SecretScope scope, List<String> given) {
    if (given != null && !given.isEmpty()) {
      return given;
    }
    return StoreCommand.require(session.list(scope)).stream()
        .map(l -> l.id().name())
        .sorted()
        .toList();
  }

  /** The scope's secrets by short name, each as the store answered (a value, or why not). */
  static Map<String, Outcome<SecretValue>> read(
      StoreSession session, SecretScope scope, List<String> names) {
    Map<String, Outcome<SecretValue>> values = new TreeMap<>();
    for (String name : names) {
      values.put(name, session.get(ScopeOptions.idIn(scope, name), Optional.empty()));
    }
    return values;
  }

  /** Every secret of the scope by short name, with the value; the listing's names only. */
  static Map<String, SecretValue> readAll(StoreSession session, SecretScope scope) {
    List<SecretListing> listed = StoreCommand.require(session.list(scope));
    Map<String, SecretValue> values = new TreeMap<>();
    for (SecretListing listing : listed) {
      Outcome<SecretValue> value = session.get(listing.id(), Optional.empty());
      if (value.isOk()) {
        values.put(listing.id().name(), value.value());
      } else if (value.error().kind() != ErrorKind.NOT_FOUND) {
        // Deleted between list and read is no secret; anything else must not be exported silently.
        StoreCommand.require(value);
      }
    }
    return values;
  }
}
