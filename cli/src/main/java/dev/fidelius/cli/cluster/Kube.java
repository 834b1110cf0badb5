package dev.fidelius.cli.cluster;

import dev.fidelius.cli.CliFailure;
import dev.fidelius.cli.ExitCodes;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * A fabric8 client on the kubeconfig context the user is in, and the one-line translation of what
 * the API server answers. Without a kubeconfig there is no cluster: that is a usage error, not a
 * connection to some default address.
 */
public final class Kube implements AutoCloseable {

  private final KubernetesClient client;
  private final String namespace;

  private Kube(KubernetesClient client, String namespace) {
    this.client = client;
    this.namespace = namespace;
  }

  public static Kube connect(KubeOptions options) {
    Path file = kubeconfigFile(options);
    if (file == null || !Files.isRegularFile(file)) {
      throw CliFailure.usage(
          "no Kubernetes context: no kubeconfig at "
              + (file == null ? "~/.kube/config" : file)
              + " (set KUBECONFIG or pass --kubeconfig)");
    }
    Config config;
    try {
      config =
          Config.fromKubeconfig(
              options == null ? null : options.context(), Files.readString(file), file.toString());
    } catch (IOException | RuntimeException e) {
      throw CliFailure.usage("cannot use kubeconfig " + file + ": " + firstLine(e.getMessage()));
    }
    if (config.getCurrentContext() == null) {
      throw CliFailure.usage(
          "no Kubernetes context in "
              + file
              + (options != null && options.context() != null
                  ? " named " + options.context()
                  : " (no current-context)"));
    }
    String ns = config.getNamespace() == null ? "default" : config.getNamespace();
    return new Kube(new KubernetesClientBuilder().withConfig(config).build(), ns);
  }

  private static Path kubeconfigFile(KubeOptions options) {
    if (options != null && options.kubeconfig() != null) {
      return options.kubeconfig();
    }
    String env = System.getenv("KUBECONFIG");
    if (env != null && !env.isBlank()) {
      return Path.of(env.split(File.pathSeparator)[0]);
    }
    String home = System.getProperty("user.home");
    return home == null ? null : Path.of(home, ".kube", "config");
  }

  public KubernetesClient client() {
    return client;
  }

  /** The context's namespace, or {@code default}. */
  public String namespace() {
    return namespace;
  }

  /** Runs a call on the API server, turning its refusals into one-line failures with exit codes. */
  public <T> T call(String what, Supplier<T> call) {
    try {
      return call.get();
    } catch (KubernetesClientException e) {
      int code =
          switch (e.getCode()) {
            case 401, 403 -> ExitCodes.ACCESS_DENIED;
            case 404 -> ExitCodes.NOT_FOUND;
            default -> ExitCodes.FAILED;
          };
      String reason =
          e.getStatus() != null && e.getStatus().getMessage() != null
              ? e.getStatus().getMessage()
              : firstLine(e.getMessage());
      if (e.getCode() == 404 && "Not Found".equals(reason)) {
        // A whole resource type is missing, not one object: the CRDs are not installed.
        reason =
            "the API server does not serve it (are the Fidelius CRDs installed in this cluster?)";
      }
      throw new CliFailure(code, what + ": " + reason);
    }
  }

  static String firstLine(String message) {
    return message == null ? "" : message.lines().findFirst().orElse("");
  }

  @Override
  public void close() {
    client.close();
  }
}
