package dev.fidelius.cli;

import dev.fidelius.cli.commands.AccessCommand;
import dev.fidelius.cli.commands.CopyCommand;
import dev.fidelius.cli.commands.DeleteCommand;
import dev.fidelius.cli.commands.DiffCommand;
import dev.fidelius.cli.commands.ExportCommand;
import dev.fidelius.cli.commands.GetCommand;
import dev.fidelius.cli.commands.HistoryCommand;
import dev.fidelius.cli.commands.ListCommand;
import dev.fidelius.cli.commands.PutCommand;
import dev.fidelius.cli.commands.StatusCommand;
import dev.fidelius.cli.commands.SyncCommand;
import dev.fidelius.cli.commands.WhyCommand;
import dev.fidelius.operator.backend.AwsErrors;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.AutoComplete.GenerateCompletion;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code fidelius}: the secrets' owners' command line. Store commands act with the user's own AWS
 * identity; cluster commands with the current kube context. Also runs as {@code kubectl fidelius}.
 */
@Command(
    name = "fidelius",
    mixinStandardHelpOptions = true,
    version = "fidelius 0.1.0",
    description =
        "Put, inspect and promote secrets in the stores the Fidelius operator reads, and see why a "
            + "FideliusSecret is (not) synced. Values are printed only by 'get' and 'export', only to stdout.",
    footer = {
      "",
      ExitCodes.HELP_TEXT,
      "",
      "Stores: --store NAME names an entry of ~/.config/fidelius/config.yaml, else a ClusterFideliusStore "
          + "(or, with --store-kind FideliusStore, a FideliusStore) of the current kube context; without "
          + "--store, the config file's defaultStore, else flags (--provider, --region, --table, "
          + "--endpoint-url). Store commands act with your own AWS identity (--profile, the environment, "
          + "--role-arn or the role the store names).",
      "",
      "Shell completion: source <(fidelius generate-completion)"
    },
    subcommands = {
      GetCommand.class,
      PutCommand.class,
      HistoryCommand.class,
      ListCommand.class,
      DeleteCommand.class,
      DiffCommand.class,
      CopyCommand.class,
      ExportCommand.class,
      StatusCommand.class,
      WhyCommand.class,
      SyncCommand.class,
      AccessCommand.class,
      GenerateCompletion.class
    })
public final class Main implements Runnable {

  private final InputStream in;

  Main(InputStream in) {
    this.in = in;
  }

  /** Standard input: secret values for {@code put}, the answer to {@code delete}'s question. */
  public InputStream in() {
    return in;
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        new CommandLine(this), "a command is required (see fidelius --help)");
  }

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
    System.exit(run(args, out, err, System.in));
  }

  /** Runs one command line; what {@code main} does, without exiting, for tests and embedding. */
  public static int run(String[] args, PrintWriter out, PrintWriter err, InputStream in) {
    CommandLine cli = new CommandLine(new Main(in));
    cli.setOut(out);
    cli.setErr(err);
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.setExecutionExceptionHandler(
        (e, commandLine, parsed) -> {
          commandLine.getErr().println("fidelius: " + oneLine(e));
          commandLine.getErr().flush();
          return e instanceof CliFailure failure ? failure.exitCode() : ExitCodes.FAILED;
        });
    cli.setParameterExceptionHandler(
        (e, args2) -> {
          e.getCommandLine().getErr().println("fidelius: " + e.getMessage());
          e.getCommandLine()
              .getErr()
              .println(
                  "Try '"
                      + e.getCommandLine().getCommandSpec().qualifiedName()
                      + " --help' for usage.");
          e.getCommandLine().getErr().flush();
          return ExitCodes.USAGE;
        });
    cli.getSubcommands().get("generate-completion").getCommandSpec().usageMessage().hidden(false);
    int code = cli.execute(args);
    out.flush();
    err.flush();
    return code;
  }

  /**
   * Our own failures speak for themselves; anything else is named by type, its message sanitized.
   */
  private static String oneLine(Exception e) {
    if (e instanceof CliFailure) {
      return e.getMessage();
    }
    String message = e.getMessage() == null ? "" : ": " + AwsErrors.sanitize(e.getMessage());
    return ("unexpected " + e.getClass().getSimpleName() + message).lines().findFirst().orElse("");
  }
}
