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
      "One row per rule that covers the namespace: who can read what. Rows with effect deny are"
          + " deny rules (rule access.deny[i]), which refuse what they list whatever the allow rows"
          + " admit."
    })
public final class AccessCommand extends ClusterCommand {

  private static final String ALLOW = "allow";

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
    Rows rows = new Rows("kind", "store", "effect", "rule", "applications", "sdlcs");
    List<ClusterFideliusStore> clusterStores =
        kube.call(
            "listing ClusterFideliusStores",
            () -> kube.client().resources(ClusterFideliusStore.class).list().getItems());
    clusterStores.stream()
        .sorted(Comparator.comparing(s -> s.getMetadata().getName()))
        .forEach(
            store -> {
              String kind = "ClusterFideliusStore";
              String name = store.getMetadata().getName();
              NamespaceGrants.deniedByClusterStore(deny(store.getSpec()), namespace, labels)
                  .forEach(denial -> addDenial(rows, kind, name, denial));
              NamespaceGrants.ofClusterStore(rules(store.getSpec()), namespace, labels)
                  .forEach(
                      grant ->
                          rows.add(
                              kind,
                              name,
                              ALLOW,
                              grant.rule(),
                              grant.applications(),
                              grant.sdlcs()));
            });
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
            store -> {
              String kind = "FideliusStore";
              String name = store.getMetadata().getName();
              NamespaceGrants.deniedByNamespacedStore(
                      namespace, deny(store.getSpec()), namespace, labels)
                  .forEach(denial -> addDenial(rows, kind, name, denial));
              NamespaceGrants.ofNamespacedStore(
                      namespace, rules(store.getSpec()), namespace, labels)
                  .forEach(
                      grant ->
                          rows.add(
                              kind,
                              name,
                              ALLOW,
                              grant.rule() == 0 ? null : grant.rule(),
                              grant.applications(),
                              grant.sdlcs()));
            });
    rows.print(output.format(), out());
    return ExitCodes.OK;
  }

  /** A deny row comes before the store's allow rows, as deny rules are evaluated first. */
  private static void addDenial(
      Rows rows, String kind, String store, NamespaceGrants.Denial denial) {
    rows.add(kind, store, "deny", denial.field(), denial.applications(), denial.sdlcs());
  }

  private static List<AccessRule> deny(FideliusStoreSpec spec) {
    return spec == null || spec.getAccess() == null ? null : spec.getAccess().getDeny();
  }

  private static List<AccessRule> rules(FideliusStoreSpec spec) {
    return spec == null || spec.getAccess() == null ? null : spec.getAccess().getRules();
  }
}
