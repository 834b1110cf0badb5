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
    description = {
      "Every FideliusSecret of a namespace (or all) with its Ready state, reason and ITEMS (sources"
          + " synced / read).",
      "With --items, one row per source instead: its state, version, and when and by whom the store"
          + " says it was last changed (never a value)."
    })
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

  @Option(
      names = {"--items"},
      description =
          "One row per source of each FideliusSecret (status.items): state, version, updatedOn,"
              + " updatedBy, message.")
  boolean items;

  @Override
  protected int run(Kube kube) {
    String ns = namespace != null ? namespace : kube.namespace();
    List<FideliusSecret> secrets =
        kube
            .call(
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
                            .getItems())
            .stream()
            .sorted(
                Comparator.comparing((FideliusSecret s) -> s.getMetadata().getNamespace())
                    .thenComparing(s -> s.getMetadata().getName()))
            .toList();
    Rows rows = items ? StatusItems.rows(secrets) : summaries(secrets);
    rows.print(output.format(), out());
    return ExitCodes.OK;
  }

  private static Rows summaries(List<FideliusSecret> secrets) {
    Rows rows =
        new Rows(
            "namespace",
            "name",
            "ready",
            "reason",
            "items",
            "store",
            "app",
            "sdlc",
            "lastSync",
            "message");
    for (FideliusSecret s : secrets) {
      Condition ready = ready(s).orElse(null);
      var spec = s.getSpec();
      var status = s.getStatus();
      rows.add(
          s.getMetadata().getNamespace(),
          s.getMetadata().getName(),
          ready == null ? "Unknown" : ready.getStatus(),
          ready == null ? "NotReconciled" : ready.getReason(),
          status == null ? null : status.getItemsSummary(),
          spec == null || spec.getStoreRef() == null ? null : spec.getStoreRef().getName(),
          spec == null ? null : spec.getApplication(),
          spec == null ? null : spec.getSdlc(),
          status == null ? null : status.getLastRefreshTime(),
          ready == null ? null : ready.getMessage());
    }
    return rows;
  }
}
