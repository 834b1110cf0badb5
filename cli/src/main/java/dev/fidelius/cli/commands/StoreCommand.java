package dev.fidelius.cli.commands;

import dev.fidelius.cli.CliFailure;
import dev.fidelius.cli.Main;
import dev.fidelius.cli.store.ScopeOptions;
import dev.fidelius.cli.store.SdlcOption;
import dev.fidelius.cli.store.StoreOptions;
import dev.fidelius.cli.store.StoreSession;
import dev.fidelius.cli.store.StoreSessions;
import dev.fidelius.operator.backend.Outcome;
import dev.fidelius.operator.backend.SecretId;
import dev.fidelius.operator.backend.SecretScope;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * What every store command shares: the store and scope options, the session, and failure handling.
 */
abstract class StoreCommand implements Callable<Integer> {

  @Mixin StoreOptions store;

  @Mixin ScopeOptions scope;

  /** The command's SDLC, for commands with one (diff and copy name several their own way). */
  SdlcOption sdlc() {
    return null;
  }

  /** The scope named by {@code -a/-c/-s}. */
  SecretScope scope() {
    return scope.in(sdlc().value());
  }

  SecretId id(String shortName) {
    return ScopeOptions.idIn(scope(), shortName);
  }

  @Spec CommandSpec spec;

  @ParentCommand Main root;

  @Override
  public final Integer call() {
    try (StoreSession session = StoreSessions.open(store)) {
      return run(session);
    }
  }

  abstract int run(StoreSession session);

  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  PrintWriter err() {
    return spec.commandLine().getErr();
  }

  /** The value of a successful outcome; a failure ends the command with its one-line message. */
  static <T> T require(Outcome<T> outcome) {
    if (!outcome.isOk()) {
      throw CliFailure.of(outcome.error());
    }
    return outcome.value();
  }

  static String instant(Object instant) {
    return instant == null ? null : instant.toString();
  }
}
