package dev.fidelius.cli.output;

/** How a command prints its result: {@code -o table|json|yaml}. */
public enum OutputFormat {
  TABLE,
  JSON,
  YAML
}
