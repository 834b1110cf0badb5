package dev.fidelius.cli.commands;

import dev.fidelius.cli.ExitCodes;
import dev.fidelius.cli.output.OutputOptions;
import dev.fidelius.cli.output.Rows;
import dev.fidelius.cli.store.SdlcOption;
import dev.fidelius.cli.store.StoreSession;
import dev.fidelius.operator.backend.Outcome;
import dev.fidelius.operator.backend.SecretListing;
import dev.fidelius.writer.fidelius.VersionHistoryEntry;
import java.util.Comparator;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description = {
      "List the secrets of an application's SDLC with version and last change, never values.",
      "The view of production a developer may have."
    })
public final class ListCommand extends StoreCommand {

  @Mixin SdlcOption sdlc;

  @Override
  SdlcOption sdlc() {
    return sdlc;
  }

  @Mixin OutputOptions output;

  @Override
  int run(StoreSession session) {
    List<SecretListing> listed =
        require(session.list(scope())).stream()
            .sorted(Comparator.comparing((SecretListing l) -> l.id().name()))
            .toList();
    Rows rows = new Rows("name", "version", "updatedOn", "updatedBy");
    for (SecretListing listing : listed) {
      // The last change is the newest version's metadata: one more metadata read per name, never a
      // value.
      Outcome<List<VersionHistoryEntry>> history = session.history(listing.id());
      VersionHistoryEntry newest =
          history.isOk() && !history.value().isEmpty() ? history.value().get(0) : null;
      rows.add(
          listing.id().name(),
          listing.currentVersion(),
          newest == null ? null : instant(newest.updatedOn()),
          newest == null ? null : newest.updatedBy());
    }
    rows.print(output.format(), out());
    return ExitCodes.OK;
  }
}
