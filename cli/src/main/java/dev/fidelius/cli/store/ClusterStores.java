package dev.fidelius.cli.store;

import dev.fidelius.cli.CliFailure;
import dev.fidelius.cli.cluster.Kube;
import dev.fidelius.operator.api.ClusterFideliusStore;
import dev.fidelius.operator.api.FideliusStore;
import dev.fidelius.operator.api.FideliusStoreSpec;
import dev.fidelius.operator.api.StoreKind;
import java.util.Locale;

/** Finds a ClusterFideliusStore or FideliusStore by name in the current kube context. */
public final class ClusterStores {

  /** A store resource's spec and how messages name it. */
  public record Found(String description, String namespace, FideliusStoreSpec spec) {}

  private ClusterStores() {}

  public static StoreKind kindOf(String text) {
    for (StoreKind kind : StoreKind.values()) {
      if (kind.name().toLowerCase(Locale.ROOT).equals(text.toLowerCase(Locale.ROOT))) {
        return kind;
      }
    }
    throw CliFailure.usage(
        "--store-kind must be ClusterFideliusStore or FideliusStore, not '" + text + "'");
  }

  public static Found find(Kube kube, StoreKind kind, String name, String namespace) {
    if (kind == StoreKind.FideliusStore) {
      String ns = namespace != null ? namespace : kube.namespace();
      String description = "FideliusStore \"" + ns + "/" + name + "\"";
      FideliusStore store =
          kube.call(
              "reading " + description,
              () ->
                  kube.client()
                      .resources(FideliusStore.class)
                      .inNamespace(ns)
                      .withName(name)
                      .get());
      if (store == null) {
        throw CliFailure.notFound(description + " does not exist in the current kube context");
      }
      return new Found(description, ns, store.getSpec());
    }
    String description = "ClusterFideliusStore \"" + name + "\"";
    ClusterFideliusStore store =
        kube.call(
            "reading " + description,
            () -> kube.client().resources(ClusterFideliusStore.class).withName(name).get());
    if (store == null) {
      throw CliFailure.notFound(
          description
              + " does not exist in the current kube context (for a config-file "
              + "store, check --config)");
    }
    return new Found(description, null, store.getSpec());
  }
}
