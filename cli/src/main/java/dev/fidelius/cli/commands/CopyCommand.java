package dev.fidelius.cli.commands;

import dev.fidelius.cli.CliFailure;
import dev.fidelius.cli.ExitCodes;
import dev.fidelius.cli.output.OutputOptions;
import dev.fidelius.cli.output.Rows;
import dev.fidelius.cli.store.ScopeOptions;
import dev.fidelius.cli.store.StoreSession;
import dev.fidelius.operator.backend.ErrorKind;
import dev.fidelius.operator.backend.Outcome;
import dev.fidelius.operator.backend.SecretScope;
import dev.fidelius.operator.backend.SecretValue;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "copy",
    mixinStandardHelpOptions = true,
    description = {
      "Promote secrets from one SDLC to another, never showing values.",
      "Writes a new version at the target for each value that differs or is missing there."
    },
    footer = {
      "",
      "Example: fidelius copy --store prod -a PAYMENTS --from-sdlc staging --to-sdlc prod db_password"
    })
public final class CopyCommand extends StoreCommand {

  @Option(
      names = "--from-sdlc",
      paramLabel = "SDLC",
      required = true,
      description = "Copy from this SDLC.")
  String fromSdlc;

  @Option(
      names = "--to-sdlc",
      paramLabel = "SDLC",
      required = true,
      description = "Copy to this SDLC.")
  String toSdlc;

  @Option(
      names = "--force",
      description = "Write a new version even where the target already has the value.")
  boolean force;

  @Parameters(
      paramLabel = "NAME",
      arity = "0..*",
      description = "Only these secrets (default: all in --from-sdlc).")
  List<String> names;

  @Mixin OutputOptions output;

  @Override
  int run(StoreSession session) {
    SecretScope from = scope.in(fromSdlc);
    SecretScope to = scope.in(toSdlc);
    if (from.equals(to)) {
      throw CliFailure.usage("--from-sdlc and --to-sdlc name the same scope");
    }
    KeyedHash hash = new KeyedHash();
    Map<String, Outcome<SecretValue>> sources =
        ScopeReads.read(session, from, ScopeReads.names(session, from, names));
    Rows rows = new Rows("name", "from", "to", "result");
    for (var source : sources.entrySet()) {
      SecretValue value = require(source.getValue());
      String text =
          value
              .text()
              .orElseThrow(
                  () ->
                      new CliFailure(
                          ExitCodes.FAILED,
                          value.resolvedName()
                              + " holds binary data, which this command does not copy"));
      Outcome<SecretValue> target =
          session.get(ScopeOptions.idIn(to, source.getKey()), Optional.empty());
      if (!target.isOk() && target.error().kind() != ErrorKind.NOT_FOUND) {
        require(target);
      }
      if (!force
          && target.isOk()
          && KeyedHash.same(hash.of(target.value().bytes()), hash.of(value.bytes()))) {
        rows.add(
            source.getKey(), "v" + value.version(), "v" + target.value().version(), "unchanged");
        continue;
      }
      String written = require(session.put(ScopeOptions.idIn(to, source.getKey()), text));
      rows.add(source.getKey(), "v" + value.version(), "v" + written, "written");
    }
    rows.print(output.format(), out());
    return ExitCodes.OK;
  }
}
