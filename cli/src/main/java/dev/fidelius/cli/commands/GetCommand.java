package dev.fidelius.cli.commands;

import dev.fidelius.cli.CliFailure;
import dev.fidelius.cli.ExitCodes;
import dev.fidelius.cli.output.OutputFormat;
import dev.fidelius.cli.output.Rows;
import dev.fidelius.cli.store.SdlcOption;
import dev.fidelius.cli.store.StoreSession;
import dev.fidelius.operator.backend.SecretId;
import dev.fidelius.operator.backend.SecretValue;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "get",
    mixinStandardHelpOptions = true,
    description = "Print a secret's value (the newest version, or --version) to stdout.",
    footer = {"", "Example: fidelius get --store prod -a PAYMENTS -s prod db_password"})
public final class GetCommand extends StoreCommand {

  @Mixin SdlcOption sdlc;

  @Override
  SdlcOption sdlc() {
    return sdlc;
  }

  @Parameters(paramLabel = "NAME", description = "The secret's short name.")
  String name;

  @Option(
      names = "--version",
      paramLabel = "VERSION",
      description = "A version id (default: the newest).")
  String version;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      defaultValue = "table",
      description = "table (the bare value, default), json or yaml (value with name and version).")
  OutputFormat format;

  @Override
  int run(StoreSession session) {
    SecretId id = id(name);
    SecretValue value = require(session.get(id, Optional.ofNullable(version)));
    String text =
        value
            .text()
            .orElseThrow(
                () ->
                    new CliFailure(
                        ExitCodes.FAILED,
                        value.resolvedName()
                            + " holds binary data, which this command does not print"));
    if (format == OutputFormat.TABLE) {
      out().println(text);
      out().flush();
      return ExitCodes.OK;
    }
    Map<String, Object> object = new LinkedHashMap<>();
    object.put("name", value.resolvedName());
    object.put("version", value.version());
    object.put("updatedOn", instant(value.updatedOn().orElse(null)));
    object.put("value", text);
    Rows.printObject(object, format, out());
    return ExitCodes.OK;
  }
}
