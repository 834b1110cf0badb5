package dev.fidelius.cli.cluster;

import dev.fidelius.cli.CliFailure;
import dev.fidelius.cli.output.OutputOptions;
import dev.fidelius.operator.api.FideliusSecret;
import io.fabric8.kubernetes.api.model.Condition;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What the cluster commands share: the kube context, the output format, and finding a
 * FideliusSecret.
 */
public abstract class ClusterCommand implements Callable<Integer> {

  @Mixin protected KubeOptions kubeOptions;

  @Mixin protected OutputOptions output;

  @Spec protected CommandSpec spec;

  @Override
  public final Integer call() {
    try (Kube kube = Kube.connect(kubeOptions)) {
      return run(kube);
    }
  }

  protected abstract int run(Kube kube);

  protected PrintWriter out() {
    return spec.commandLine().getOut();
  }

  protected static FideliusSecret secret(Kube kube, String namespace, String name) {
    FideliusSecret secret =
        kube.call(
            "reading FideliusSecret " + namespace + "/" + name,
            () ->
                kube.client()
                    .resources(FideliusSecret.class)
                    .inNamespace(namespace)
                    .withName(name)
                    .get());
    if (secret == null) {
      throw CliFailure.notFound("FideliusSecret " + namespace + "/" + name + " does not exist");
    }
    return secret;
  }

  protected static Optional<Condition> ready(FideliusSecret secret) {
    if (secret.getStatus() == null || secret.getStatus().getConditions() == null) {
      return Optional.empty();
    }
    return secret.getStatus().getConditions().stream()
        .filter(c -> "Ready".equals(c.getType()))
        .findFirst();
  }
}
