package dev.fidelius.cli;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the command line in-process, as {@code main} does, and captures what it prints and its exit
 * code.
 */
final class Cli {

  record Result(int exit, String out, String err) {
    @Override
    public String toString() {
      return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }

  private final List<String> common;

  /**
   * @param common arguments appended to every command line (store flags, kubeconfig)
   */
  Cli(String... common) {
    this.common = List.of(common);
  }

  Result run(String... args) {
    return runWithInput("", args);
  }

  Result runWithInput(String stdin, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(common);
    int exit =
        Main.run(
            all.toArray(String[]::new),
            new PrintWriter(out),
            new PrintWriter(err),
            new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
    return new Result(exit, out.toString(), err.toString());
  }
}
