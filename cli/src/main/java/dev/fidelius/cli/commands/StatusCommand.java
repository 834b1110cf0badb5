package dev.fidelius.cli.commands;

import dev.fidelius.cli.ExitCodes;
import dev.fidelius.cli.cluster.ClusterCommand;
import dev.fidelius.cli.cluster.Kube;
import dev.fidelius.cli.output.Rows;
import dev.fidelius.operator.api.FideliusSecret;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.Comparator;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = "Every FideliusSecret of a namespace (or all) with its Ready state and reason.")
public final class StatusCommand extends ClusterCommand {

  @Option(
      names = {"-n", "--namespace"},
      paramLabel = "NS",
      description = "Namespace (default: the context's).")
  String namespace;

  @Option(
      names = {"-A", "--all-namespaces"},
      description = "Every namespace.")
  boolean allNamespaces;

  @Override
  protected int run(Kube kube) {
    String ns = namespace != null ? namespace : kube.namespace();
    List<FideliusSecret> secrets =
        kube.call(
            "listing FideliusSecrets",
            () ->
                allNamespaces
                    ? kube.client()
                        .resources(FideliusSecret.class)
                        .inAnyNamespace()
                        .list()
                        .getItems()
                    : kube.client()
                        .resources(FideliusSecret.class)
                        .inNamespace(ns)
                        .list()
                        .getItems());
    Rows rows =
        new Rows(
            "namespace", "name", "ready", "reason", "store", "app", "sdlc", "lastSync", "message");
    secrets.stream()
        .sorted(
            Comparator.comparing((FideliusSecret s) -> s.getMetadata().getNamespace())
                .thenComparing(s -> s.getMetadata().getName()))
        .forEach(
            s -> {
              Condition ready = ready(s).orElse(null);
              var spec = s.getSpec();
              rows.add(
                  s.getMetadata().getNamespace(),
                  s.getMetadata().getName(),
                  ready == null ? "Unknown" : ready.getStatus(),
                  ready == null ? "NotReconciled" : ready.getReason(),
                  spec == null || spec.getStoreRef() == null ? null : spec.getStoreRef().getName(),
                  spec == null ? null : spec.getApplication(),
                  spec == null ? null : spec.getSdlc(),
                  s.getStatus() == null ? null : s.getStatus().getLastRefreshTime(),
                  ready == null ? null : ready.getMessage());
            });
    rows.print(output.format(), out());
    return ExitCodes.OK;
  }
}
