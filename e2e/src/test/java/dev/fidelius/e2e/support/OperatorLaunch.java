package dev.fidelius.e2e.support;

import dev.fidelius.operator.testsupport.FreePorts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How to start one process: the container's environment (the chart's variables and the pod's
 * identity), a way to reach the API server (here KUBECONFIG, in a pod the mounted token), where its
 * log goes and its JVM options. Its HTTP port ({@code FIDELIUS_HTTP_PORT}) is a free one of this
 * machine, whatever the environment says: processes here share one network, unlike pods.
 */
public final class OperatorLaunch {

  /**
   * Small and quick to start: what the e2e tests run many of. The benchmark runs the jar without
   * flags.
   */
  public static final List<String> TEST_JVM_OPTIONS =
      List.of(
          "-Xmx256m", "-XX:+ExitOnOutOfMemoryError", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

  private final String podName;
  private final Map<String, String> env = new LinkedHashMap<>();
  private List<String> jvmOptions = TEST_JVM_OPTIONS;
  private Path kubeconfig;
  private Path workDir;
  private Path log;

  OperatorLaunch(String podName) {
    this.podName = podName;
  }

  public OperatorLaunch env(Map<String, String> more) {
    env.putAll(more);
    return this;
  }

  public OperatorLaunch kubeconfig(Path file) {
    this.kubeconfig = file;
    return this;
  }

  /** The directory of its HOME and, unless {@link #log(Path)} names one, its log file. */
  public OperatorLaunch workDir(Path dir) {
    this.workDir = dir;
    return this;
  }

  public OperatorLaunch log(Path file) {
    this.log = file;
    return this;
  }

  public OperatorLaunch jvmOptions(List<String> options) {
    this.jvmOptions = List.copyOf(options);
    return this;
  }

  /** Starts the process and waits until it is ready; a process that never gets ready is stopped. */
  public OperatorProcess startReady(Duration timeout) {
    OperatorProcess process = start();
    try {
      process.awaitReady(timeout);
      return process;
    } catch (RuntimeException | AssertionError notReady) {
      process.stop();
      throw notReady;
    }
  }

  /** Starts the process; it is not ready yet (see {@link OperatorProcess#awaitReady}). */
  public OperatorProcess start() {
    if (kubeconfig == null || (workDir == null && log == null)) {
      throw new IllegalStateException(
          "an operator process needs a kubeconfig and a work directory or log file");
    }
    try {
      Path dir =
          Files.createDirectories(workDir != null ? workDir : log.toAbsolutePath().getParent());
      Path logFile =
          log != null ? log : dir.resolve(podName + "-" + System.currentTimeMillis() + ".log");
      int httpPort = FreePorts.pick();
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.addAll(jvmOptions);
      command.addAll(List.of("-jar", ProjectPaths.operatorJar().toString()));
      ProcessBuilder pb =
          new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(logFile.toFile());
      Map<String, String> processEnv = pb.environment();
      processEnv.clear();
      processEnv.put("PATH", "/usr/local/bin:/usr/bin:/bin");
      processEnv.put("HOME", Files.createDirectories(dir.resolve("home-" + podName)).toString());
      processEnv.put("HOSTNAME", podName);
      processEnv.put("KUBECONFIG", kubeconfig.toString());
      processEnv.putAll(env);
      processEnv.put("FIDELIUS_HTTP_PORT", String.valueOf(httpPort));
      return OperatorProcess.start(podName, pb, logFile, httpPort);
    } catch (IOException e) {
      throw new IllegalStateException("could not start the operator jar", e);
    }
  }
}
