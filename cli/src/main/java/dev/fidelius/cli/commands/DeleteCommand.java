package dev.fidelius.cli.commands;

import dev.fidelius.cli.CliFailure;
import dev.fidelius.cli.ExitCodes;
import dev.fidelius.cli.output.OutputOptions;
import dev.fidelius.cli.output.Rows;
import dev.fidelius.cli.store.SdlcOption;
import dev.fidelius.cli.store.StoreSession;
import dev.fidelius.operator.backend.SecretId;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "delete",
    mixinStandardHelpOptions = true,
    description = {
      "Delete a secret with every version, as Fidelius does (asks first; --yes for scripts).",
      "Kubernetes Secrets synced before keep their data unless their FideliusSecret says deletionPolicy: "
          + "Delete."
    })
public final class DeleteCommand extends StoreCommand {

  @Mixin SdlcOption sdlc;

  @Override
  SdlcOption sdlc() {
    return sdlc;
  }

  @Parameters(paramLabel = "NAME", description = "The secret's short name.")
  String name;

  @Option(
      names = {"-y", "--yes"},
      description = "Do not ask for confirmation.")
  boolean yes;

  @Mixin OutputOptions output;

  @Override
  int run(StoreSession session) {
    SecretId id = id(name);
    if (!yes && !confirmed(id, session)) {
      throw new CliFailure(ExitCodes.FAILED, "not deleted: not confirmed");
    }
    int deleted = require(session.delete(id));
    if (deleted == 0) {
      throw CliFailure.notFound(id + " does not exist in " + session.description());
    }
    new Rows("name", "versionsDeleted").add(name, deleted).print(output.format(), out());
    return ExitCodes.OK;
  }

  private boolean confirmed(SecretId id, StoreSession session) {
    err().print("Delete " + id + " with every version from " + session.description() + "? [y/N] ");
    err().flush();
    try {
      String answer =
          new BufferedReader(new InputStreamReader(root.in(), StandardCharsets.UTF_8)).readLine();
      return answer != null
          && (answer.trim().toLowerCase(Locale.ROOT).equals("y")
              || answer.trim().toLowerCase(Locale.ROOT).equals("yes"));
    } catch (IOException e) {
      return false;
    }
  }
}
