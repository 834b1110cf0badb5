package dev.fidelius.cli.store;

import picocli.CommandLine.Option;

/** The one SDLC a command acts in: {@code -s dev}. */
public final class SdlcOption {

  @Option(
      names = {"-s", "--sdlc"},
      paramLabel = "SDLC",
      required = true,
      description = "SDLC, such as dev or prod.")
  String sdlc;

  public String value() {
    return sdlc;
  }
}
