package dev.fidelius.cli.output;

import picocli.CommandLine.Option;

/** The {@code -o} option every listing command shares. */
public final class OutputOptions {

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      defaultValue = "table",
      description = "table (default), json or yaml.")
  OutputFormat format;

  public OutputFormat format() {
    return format;
  }
}
