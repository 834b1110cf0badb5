package dev.fidelius.cli.commands;

import dev.fidelius.cli.CliFailure;
import dev.fidelius.cli.ExitCodes;
import dev.fidelius.cli.output.OutputFormat;
import dev.fidelius.cli.output.Rows;
import dev.fidelius.cli.store.SdlcOption;
import dev.fidelius.cli.store.StoreSession;
import dev.fidelius.operator.backend.SecretValue;
import dev.fidelius.operator.render.SecretTemplateEngine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description = {
      "Print every secret of an application's SDLC as dotenv, JSON or YAML, or through a template.",
      "Templates use the operator's syntax and filters, e.g. {{ .db_password | urlquery }}. dotenv keys are "
          + "the names upper-cased, every character outside [A-Z0-9_] as _."
    },
    footer = {"", "Example: fidelius export --store dev -a PAYMENTS -s dev --format dotenv > .env"})
public final class ExportCommand extends StoreCommand {

  @Mixin SdlcOption sdlc;

  @Override
  SdlcOption sdlc() {
    return sdlc;
  }

  /** Export formats. */
  enum Format {
    DOTENV,
    JSON,
    YAML
  }

  /**
   * Templates are written by the user, but still bounded: no template of secrets is megabytes long.
   */
  private static final long MAX_TEMPLATE_BYTES = 1 << 20;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "dotenv",
      description = "dotenv (default), json or yaml; ignored with --template.")
  Format format;

  @Option(names = "--template", paramLabel = "FILE", description = "Render this template instead.")
  Path template;

  @Override
  int run(StoreSession session) {
    Map<String, SecretValue> values = ScopeReads.readAll(session, scope());
    if (template != null) {
      out().print(render(values));
    } else {
      Map<String, Object> texts = new LinkedHashMap<>();
      values.forEach((name, value) -> texts.put(name, textOf(value)));
      switch (format) {
        case JSON -> Rows.printObject(texts, OutputFormat.JSON, out());
        case YAML -> Rows.printObject(texts, OutputFormat.YAML, out());
        default ->
            texts.forEach(
                (name, text) -> out().println(envName(name) + "=" + dotenvQuoted((String) text)));
      }
    }
    out().flush();
    return ExitCodes.OK;
  }

  private String render(Map<String, SecretValue> values) {
    String text;
    try {
      if (Files.size(template) > MAX_TEMPLATE_BYTES) {
        throw CliFailure.usage(
            "template " + template + " is larger than " + MAX_TEMPLATE_BYTES + " bytes");
      }
      text = Files.readString(template, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw CliFailure.usage("cannot read template " + template);
    }
    Map<String, byte[]> data = new LinkedHashMap<>();
    values.forEach((name, value) -> data.put(name, value.bytes()));
    return new String(require(SecretTemplateEngine.render(text, data)), StandardCharsets.UTF_8);
  }

  private static String textOf(SecretValue value) {
    return value
        .text()
        .orElseThrow(
            () ->
                new CliFailure(
                    ExitCodes.FAILED,
                    value.resolvedName()
                        + " holds binary data, which this command does not export"));
  }

  static String envName(String name) {
    String upper = name.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9_]", "_");
    return Character.isDigit(upper.charAt(0)) ? "_" + upper : upper;
  }

  /** Double-quoted, with the escapes dotenv readers (docker compose, python-dotenv) undo. */
  static String dotenvQuoted(String text) {
    return "\""
        + text.replace("\\", "\\\\")
            .replace("\"", "\\\"")
            .replace("$", "\\$")
            .replace("\n", "\\n")
            .replace("\r", "\\r")
        + "\"";
  }
}
