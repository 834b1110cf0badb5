package dev.fidelius.cli.commands;

import dev.fidelius.cli.ExitCodes;
import dev.fidelius.cli.output.OutputOptions;
import dev.fidelius.cli.output.Rows;
import dev.fidelius.cli.store.SdlcOption;
import dev.fidelius.cli.store.StoreSession;
import dev.fidelius.writer.fidelius.VersionHistoryEntry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(
    name = "history",
    mixinStandardHelpOptions = true,
    description =
        "Every version of a secret, newest first, with when and by whom it was written, never values.")
public final class HistoryCommand extends StoreCommand {

  @Mixin SdlcOption sdlc;

  @Override
  SdlcOption sdlc() {
    return sdlc;
  }

  @Parameters(paramLabel = "NAME", description = "The secret's short name.")
  String name;

  @Mixin OutputOptions output;

  @Override
  int run(StoreSession session) {
    Rows rows = new Rows("version", "updatedOn", "updatedBy");
    for (VersionHistoryEntry entry : require(session.history(id(name)))) {
      rows.add(entry.version(), instant(entry.updatedOn()), entry.updatedBy());
    }
    rows.print(output.format(), out());
    return ExitCodes.OK;
  }
}
