package dev.fidelius.e2e.support;

import dev.fidelius.operator.testsupport.FreePorts;
import io.fabric8.kubeapitest.KubeAPIServerConfig;
import io.fabric8.kubeapitest.KubeAPIServerConfigBuilder;
import io.fabric8.kubeapitest.binary.BinaryManager;
import io.fabric8.kubeapitest.cert.CertManager;
import io.fabric8.kubeapitest.kubeconfig.KubeConfig;
import io.fabric8.kubeapitest.process.EtcdProcess;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real kube-apiserver with etcd, like {@code KubeApiServer}, that can be restarted on the same
 * port with its state: etcd keeps running (kube-api-test's own etcd process), and the API server is
 * our own child process with kube-api-test's certificates and the same flags kube-api-test gives
 * it. Clients and the operator keep one kubeconfig across restarts.
 */
public final class RestartableApiServer implements AutoCloseable {

  private final KubeAPIServerConfig config;
  private final BinaryManager binaries;
  private final CertManager certs;
  private final EtcdProcess etcd;
  private final int etcdPort;
  private final int port;
  private final Path log;
  private final String kubeconfigYaml;
  private Process apiServer;

  private RestartableApiServer(Path workDir) throws IOException {
    config =
        KubeAPIServerConfigBuilder.anAPIServerConfig()
            .withOfflineMode(true)
            .withUpdateKubeConfig(false)
            .withStartupTimeout(60_000)
            .build();
    binaries = new BinaryManager(config);
    binaries.initAndDownloadIfRequired();
    certs = new CertManager(config.getKubeAPITestDir());
    certs.createCertificatesIfNeeded();
    etcd =
        new EtcdProcess(
            binaries,
            p -> System.err.println("[e2e] etcd exited with " + p.exitValue()),
            true,
            60_000);
    etcdPort = etcd.startEtcd();
    port = FreePorts.pick();
    log = workDir.resolve("kube-apiserver.log");
    kubeconfigYaml = new KubeConfig(certs, binaries).generateKubeConfigYaml(port);
    startApiServer();
  }

  public static RestartableApiServer start(Path workDir) {
    try {
      Files.createDirectories(workDir);
      return new RestartableApiServer(workDir);
    } catch (IOException e) {
      throw new IllegalStateException("could not start the API server", e);
    }
  }

  private synchronized void startApiServer() {
    List<String> command = new java.util.ArrayList<>();
    command.add(binaries.binaries().getApiServer().getAbsolutePath());
    command.addAll(config.getApiServerFlags());
    command.addAll(
        List.of(
            "--cert-dir",
            config.getKubeAPITestDir(),
            "--secure-port",
            String.valueOf(port),
            "--etcd-servers",
            "http://127.0.0.1:" + etcdPort,
            "--authorization-mode",
            "RBAC",
            "--service-account-issuer",
            certs.getAPIServerCertPath(),
            "--service-account-signing-key-file",
            certs.getAPIServerKeyPath(),
            "--service-account-key-file",
            certs.getAPIServerKeyPath(),
            "--disable-admission-plugins",
            "ServiceAccount",
            "--client-ca-file",
            certs.getClientCertPath(),
            "--service-cluster-ip-range",
            "10.0.0.0/24",
            "--allow-privileged"));
    try {
      apiServer =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .start();
    } catch (IOException e) {
      throw new IllegalStateException("could not start kube-apiserver", e);
    }
    awaitReady(Duration.ofSeconds(60));
  }

  /**
   * Stops only the API server, gracefully (SIGTERM) or as a crash (SIGKILL); etcd and its data
   * stay.
   */
  public synchronized void stopApiServer(boolean graceful) {
    if (apiServer == null) {
      return;
    }
    if (graceful) {
      apiServer.destroy();
    } else {
      apiServer.destroyForcibly();
    }
    try {
      if (!apiServer.waitFor(20, TimeUnit.SECONDS)) {
        apiServer.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    apiServer = null;
  }

  /**
   * Starts the API server again on the same port, with the same etcd, and waits until it is ready.
   */
  public synchronized void startAgain() {
    if (apiServer == null) {
      startApiServer();
    }
  }

  private void awaitReady(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    try (KubernetesClient client = newClient()) {
      while (System.nanoTime() < deadline) {
        if (!apiServer.isAlive()) {
          throw new IllegalStateException(
              "kube-apiserver exited with " + apiServer.exitValue() + "; log: " + log);
        }
        try {
          String ready = client.raw("/readyz");
          if ("ok".equals(ready) && client.namespaces().withName("default").get() != null) {
            return;
          }
        } catch (RuntimeException notYet) {
          // connection refused or not ready yet
        }
        Await.sleep(Duration.ofMillis(200));
      }
    }
    throw new IllegalStateException("kube-apiserver not ready within " + timeout + "; log: " + log);
  }

  public Path writeKubeconfig(Path file) {
    try {
      Files.writeString(file, kubeconfigYaml);
      return file;
    } catch (IOException e) {
      throw new IllegalStateException("could not write kubeconfig to " + file, e);
    }
  }

  public Path kubectl() {
    return binaries.binaries().getKubectl().toPath();
  }

  public KubernetesClient newClient() {
    Config config = Config.fromKubeconfig(kubeconfigYaml);
    config.setRequestTimeout(15_000);
    return new KubernetesClientBuilder().withConfig(config).build();
  }

  @Override
  public synchronized void close() {
    stopApiServer(true);
    etcd.stopEtcd();
    etcd.cleanEtcdData();
  }
}
