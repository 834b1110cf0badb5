package dev.fidelius.cli.commands;

import dev.fidelius.cli.ExitCodes;
import dev.fidelius.cli.cluster.ClusterCommand;
import dev.fidelius.cli.cluster.Kube;
import dev.fidelius.cli.output.Rows;
import dev.fidelius.operator.api.FideliusSecret;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "sync",
    mixinStandardHelpOptions = true,
    description = {
      "Ask the operator to sync a FideliusSecret now.",
      "Sets the annotation " + SyncCommand.ANNOTATION + " to the current time."
    })
public final class SyncCommand extends ClusterCommand {

  static final String ANNOTATION = "fidelius.dev/force-sync";

  @Parameters(paramLabel = "NAME", description = "The FideliusSecret.")
  String name;

  @Option(
      names = {"-n", "--namespace"},
      paramLabel = "NS",
      description = "Namespace (default: the context's).")
  String namespace;

  @Override
  protected int run(Kube kube) {
    String ns = namespace != null ? namespace : kube.namespace();
    secret(kube, ns, name);
    String now = Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
    kube.call(
        "annotating FideliusSecret " + ns + "/" + name,
        () ->
            kube.client()
                .resources(FideliusSecret.class)
                .inNamespace(ns)
                .withName(name)
                .edit(
                    s -> {
                      if (s.getMetadata().getAnnotations() == null) {
                        s.getMetadata().setAnnotations(new HashMap<>());
                      }
                      s.getMetadata().getAnnotations().put(ANNOTATION, now);
                      return s;
                    }));
    new Rows("namespace", "name", "forceSync").add(ns, name, now).print(output.format(), out());
    return ExitCodes.OK;
  }
}
