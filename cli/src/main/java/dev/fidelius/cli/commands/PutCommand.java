package dev.fidelius.cli.commands;

import dev.fidelius.cli.CliFailure;
import dev.fidelius.cli.ExitCodes;
import dev.fidelius.cli.output.OutputOptions;
import dev.fidelius.cli.output.Rows;
import dev.fidelius.cli.store.SdlcOption;
import dev.fidelius.cli.store.StoreSession;
import dev.fidelius.operator.backend.SecretId;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "put",
    mixinStandardHelpOptions = true,
    description = {
      "Store a new version of a secret.",
      "The value comes from --from-file, else from stdin (one trailing newline removed), never from the "
          + "command line, where shell history and ps would see it."
    },
    footer = {
      "",
      "Example: printf %%s \"$PASSWORD\" | fidelius put --store dev -a PAYMENTS -s dev db_password"
    })
public final class PutCommand extends StoreCommand {

  @Mixin SdlcOption sdlc;

  @Override
  SdlcOption sdlc() {
    return sdlc;
  }

  /**
   * DynamoDB items are at most 400 KB; Secrets Manager values 64 KB. Anything larger is a mistake.
   */
  private static final int MAX_VALUE_BYTES = 400 * 1024;

  @Parameters(paramLabel = "NAME", description = "The secret's short name (may hold dots).")
  String name;

  @Option(
      names = "--from-file",
      paramLabel = "FILE",
      description = "Read the value from this file, as is.")
  Path fromFile;

  @Mixin OutputOptions output;

  @Override
  int run(StoreSession session) {
    SecretId id = id(name);
    String value = readValue();
    String version = require(session.put(id, value));
    new Rows("name", "version", "store")
        .add(name, version, session.description())
        .print(output.format(), out());
    return ExitCodes.OK;
  }

  private String readValue() {
    byte[] bytes;
    try {
      bytes =
          fromFile != null
              ? Files.readAllBytes(fromFile)
              : root.in().readNBytes(MAX_VALUE_BYTES + 1);
    } catch (IOException e) {
      throw CliFailure.usage(
          "cannot read the value" + (fromFile != null ? " from " + fromFile : " from stdin"));
    }
    if (bytes.length > MAX_VALUE_BYTES) {
      throw CliFailure.usage("the value is larger than " + MAX_VALUE_BYTES + " bytes");
    }
    String value;
    try {
      value =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
    } catch (CharacterCodingException e) {
      throw CliFailure.usage("the value is not UTF-8 text");
    }
    if (fromFile == null && value.endsWith("\n")) {
      value = value.substring(0, value.length() - (value.endsWith("\r\n") ? 2 : 1));
    }
    if (fromFile == null && value.isEmpty()) {
      throw CliFailure.usage("no value on stdin (pipe it in, or use --from-file)");
    }
    return value;
  }
}
