package dev.fidelius.e2e.support;

import dev.fidelius.operator.testsupport.FreePorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged operator jar as a separate process, configured the way its Deployment configures it: the
 * chart's container environment, a kubeconfig (in a pod: the mounted ServiceAccount token) and AWS
 * credentials. Nothing of the test JVM's environment leaks in besides PATH and HOME.
 */
public final class OperatorProcess implements AutoCloseable {

  private final Process process;
  private final Path log;
  private final int httpPort;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private OperatorProcess(Process process, Path log, int httpPort) {
    this.process = process;
    this.log = log;
    this.httpPort = httpPort;
  }

  /**
   * Starts the jar and waits until {@code /readyz} answers 200.
   *
   * @param chartEnv the operator container's environment as the chart rendered it
   * @param extraEnv what a pod would get from elsewhere (AWS credentials, region); wins over chartEnv
   */
  public static OperatorProcess start(Path jar, Map<String, String> chartEnv, Map<String, String> extraEnv,
      Path kubeconfig, Path log) {
    int port = FreePorts.pick();
    Map<String, String> env = new LinkedHashMap<>();
    env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    env.put("HOME", System.getProperty("user.home"));
    env.putAll(chartEnv);
    env.putAll(extraEnv);
    env.put("KUBECONFIG", kubeconfig.toString());
    env.put("FIDELIUS_HTTP_PORT", String.valueOf(port));
    List<String> command = new ArrayList<>(List.of(javaExecutable(), "-XX:+ExitOnOutOfMemoryError", "-Xmx256m",
        "-jar", jar.toString()));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().clear();
    builder.environment().putAll(env);
    try {
      OperatorProcess operator = new OperatorProcess(builder.start(), log, port);
      operator.awaitReady(Duration.ofSeconds(90));
      return operator;
    } catch (IOException e) {
      throw new UncheckedIOException("could not start " + jar, e);
    }
  }

  private static String javaExecutable() {
    return ProcessHandle.current().info().command().orElse("java");
  }

  private void awaitReady(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the operator exited with " + process.exitValue() + ":\n" + logText());
      }
      if (get("/readyz") == 200) {
        return;
      }
      sleep(250);
    }
    close();
    throw new IllegalStateException("the operator was not ready within " + timeout + ":\n" + logText());
  }

  /** HTTP status of a GET on the operator's endpoint; -1 when it does not answer. */
  public int get(String path) {
    try {
      return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
          .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  public String scrape(String path) {
    try {
      return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
          .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public int httpPort() {
    return httpPort;
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public String logText() {
    try {
      return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      return "(log unreadable: " + e.getMessage() + ")";
    }
  }

  /** SIGTERM, as the kubelet sends it; true when the process exited by itself within the timeout. */
  public boolean stopGracefully(Duration timeout) {
    process.destroy();
    try {
      return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } finally {
      close();
    }
  }

  @Override
  public void close() {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(15, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
