package dev.fidelius.cli.commands;

import dev.fidelius.cli.CliFailure;
import dev.fidelius.cli.ExitCodes;
import dev.fidelius.cli.cluster.ClusterCommand;
import dev.fidelius.cli.cluster.Kube;
import dev.fidelius.cli.output.Rows;
import dev.fidelius.operator.access.NamespaceGrants;
import dev.fidelius.operator.api.AccessRule;
import dev.fidelius.operator.api.ClusterFideliusStore;
import dev.fidelius.operator.api.FideliusStore;
import dev.fidelius.operator.api.FideliusStoreSpec;
import io.fabric8.kubernetes.api.model.Namespace;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(
    name = "access",
    mixinStandardHelpOptions = true,
    description = {
      "Which stores, applications and SDLCs the access rules admit a namespace to.",
      "One row per rule that covers the namespace: who can read what."
    })
public final class AccessCommand extends ClusterCommand {

  @Parameters(paramLabel = "NAMESPACE", description = "The namespace to look at.")
  String namespace;

  @Override
  protected int run(Kube kube) {
    Namespace ns =
        kube.call(
            "reading namespace " + namespace,
            () -> kube.client().namespaces().withName(namespace).get());
    if (ns == null) {
      throw CliFailure.notFound("namespace " + namespace + " does not exist");
    }
    Map<String, String> labels = ns.getMetadata().getLabels();
    Rows rows = new Rows("kind", "store", "rule", "applications", "sdlcs");
    List<ClusterFideliusStore> clusterStores =
        kube.call(
            "listing ClusterFideliusStores",
            () -> kube.client().resources(ClusterFideliusStore.class).list().getItems());
    clusterStores.stream()
        .sorted(Comparator.comparing(s -> s.getMetadata().getName()))
        .forEach(
            store ->
                NamespaceGrants.ofClusterStore(rules(store.getSpec()), namespace, labels)
                    .forEach(
                        grant ->
                            rows.add(
                                "ClusterFideliusStore",
                                store.getMetadata().getName(),
                                grant.rule(),
                                grant.applications(),
                                grant.sdlcs())));
    List<FideliusStore> stores =
        kube.call(
            "listing FideliusStores in " + namespace,
            () ->
                kube.client()
                    .resources(FideliusStore.class)
                    .inNamespace(namespace)
                    .list()
                    .getItems());
    stores.stream()
        .sorted(Comparator.comparing(s -> s.getMetadata().getName()))
        .forEach(
            store ->
                NamespaceGrants.ofNamespacedStore(
                        namespace, rules(store.getSpec()), namespace, labels)
                    .forEach(
                        grant ->
                            rows.add(
                                "FideliusStore",
                                store.getMetadata().getName(),
                                grant.rule() == 0 ? null : grant.rule(),
                                grant.applications(),
                                grant.sdlcs())));
    rows.print(output.format(), out());
    return ExitCodes.OK;
  }

  private static List<AccessRule> rules(FideliusStoreSpec spec) {
    return spec == null || spec.getAccess() == null ? null : spec.getAccess().getRules();
  }
}
