package dev.fidelius.operator.testsupport;

import io.fabric8.kubeapitest.KubeAPIServer;
import io.fabric8.kubeapitest.KubeAPIServerConfigBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;

/**
 * A real kube-apiserver with etcd, started by fabric8 kube-api-test in offline mode from the
 * binaries that {@code scripts/provision-test-env.sh} builds and caches. No kubeconfig of the user
 * is touched.
 */
public final class KubeApiServer implements AutoCloseable {

  private final KubeAPIServer server;
  private final String kubeconfigYaml;

  private KubeApiServer(KubeAPIServer server, String kubeconfigYaml) {
    this.server = server;
    this.kubeconfigYaml = kubeconfigYaml;
  }

  public static KubeApiServer start() {
    requireBinaries();
    KubeAPIServer server =
        new KubeAPIServer(
            KubeAPIServerConfigBuilder.anAPIServerConfig()
                .withOfflineMode(true)
                .withUpdateKubeConfig(false)
                .withStartupTimeout(60_000)
                .build());
    server.start();
    return new KubeApiServer(server, server.getKubeConfigYaml());
  }

  /** The directory kube-api-test reads binaries from. */
  public static Path binaryRoot() {
    String dir = System.getenv("KUBE_API_TEST_DIR");
    Path root =
        dir == null || dir.isBlank()
            ? Path.of(System.getProperty("user.home"), ".kubeapitest")
            : Path.of(dir);
    return root.resolve("k8s");
  }

  private static void requireBinaries() {
    File[] versions =
        binaryRoot()
            .toFile()
            .listFiles(f -> f.isDirectory() && f.getName().endsWith("-linux-amd64"));
    boolean found =
        versions != null
            && Arrays.stream(versions)
                .anyMatch(
                    v ->
                        new File(v, "kube-apiserver").canExecute()
                            && new File(v, "etcd").canExecute());
    if (!found) {
      throw new IllegalStateException(
          "No kube-apiserver/etcd under "
              + binaryRoot()
              + ". Run scripts/provision-test-env.sh once (it builds them from Debian's kubernetes source package).");
    }
  }

  public String kubeconfigYaml() {
    return kubeconfigYaml;
  }

  /**
   * Writes the kubeconfig to a file, for kubectl and for the operator run as a separate process.
   */
  public Path writeKubeconfig(Path file) {
    try {
      Files.writeString(file, kubeconfigYaml);
      return file;
    } catch (IOException e) {
      throw new IllegalStateException("could not write kubeconfig to " + file, e);
    }
  }

  public Config config() {
    return Config.fromKubeconfig(kubeconfigYaml);
  }

  /** A new client; the caller closes it. */
  public KubernetesClient newClient() {
    return new KubernetesClientBuilder().withConfig(Objects.requireNonNull(config())).build();
  }

  @Override
  public void close() {
    server.stop();
  }
}
