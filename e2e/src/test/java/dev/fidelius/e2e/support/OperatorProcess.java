package dev.fidelius.e2e.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The packaged operator jar ({@code java -jar fidelius-operator.jar}) as a separate process, with
 * exactly the environment it is given (nothing inherited from the test JVM: no AWS keys can leak
 * in), its stdout and stderr captured to a file, and its HTTP endpoints ({@code /metrics}, {@code
 * /readyz}) for observation. Every e2e test and the benchmark start it through {@link
 * #launch(String)} ({@link OperatorLaunch}).
 */
public final class OperatorProcess implements AutoCloseable {

  /** Every process started in this JVM, so the secrecy audit can read every log. */
  private static final List<OperatorProcess> STARTED = new CopyOnWriteArrayList<>();

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final String name;
  private final Process process;
  private final Path log;
  private final int httpPort;

  private OperatorProcess(String name, Process process, Path log, int httpPort) {
    this.name = name;
    this.process = process;
    this.log = log;
    this.httpPort = httpPort;
  }

  /** A process to start as the pod {@code podName} (its HOSTNAME, its log file name). */
  public static OperatorLaunch launch(String podName) {
    return new OperatorLaunch(podName);
  }

  /** Starts the jar as {@code launch} says; called by {@link OperatorLaunch#start()}. */
  static OperatorProcess start(String podName, ProcessBuilder builder, Path log, int httpPort)
      throws IOException {
    OperatorProcess p = new OperatorProcess(podName, builder.start(), log, httpPort);
    STARTED.add(p);
    return p;
  }

  public static List<OperatorProcess> allStarted() {
    return List.copyOf(STARTED);
  }

  public String name() {
    return name;
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public Path logFile() {
    return log;
  }

  public String log() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  /**
   * The last lines of the log, for failure messages (the log never holds values: that is audited).
   */
  public String tail(int lines) {
    List<String> all = log().lines().toList();
    return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
  }

  /**
   * Waits for {@code /readyz} to answer 200: controllers started and caches synced (or standing
   * by).
   */
  public void awaitReady(Duration timeout) {
    Await.until(
        name + " ready",
        timeout,
        () -> {
          if (!process.isAlive()) {
            throw new AssertionError(
                name + " exited with " + process.exitValue() + ":\n" + tail(40));
          }
          return get("/readyz").map(r -> r.statusCode() == 200).orElse(false);
        },
        () -> tail(20));
  }

  /**
   * Waits until the process serves HTTP at all (a standby replica may not be ready: it does not
   * reconcile).
   */
  public void awaitServing(Duration timeout) {
    Await.until(
        name + " serving /metrics",
        timeout,
        () -> {
          if (!process.isAlive()) {
            throw new AssertionError(
                name + " exited with " + process.exitValue() + ":\n" + tail(40));
          }
          return get("/metrics").map(r -> r.statusCode() == 200).orElse(false);
        },
        () -> tail(20));
  }

  /**
   * Waits until the operator has made {@code more} further syncs that found nothing to change,
   * counted from now: after it, a check that nothing happened has seen those refreshes happen.
   */
  public void awaitMoreUnchangedSyncs(int more) {
    double from = metric("fidelius_syncs_total", "result", "unchanged");
    Await.until(
        more + " more unchanged syncs by " + name,
        () -> {
          if (!process.isAlive()) {
            throw new AssertionError(
                name + " exited with " + process.exitValue() + ":\n" + tail(40));
          }
          return metric("fidelius_syncs_total", "result", "unchanged") >= from + more;
        },
        () -> "unchanged syncs: " + (metric("fidelius_syncs_total", "result", "unchanged") - from));
  }

  /**
   * The HTTP status of a probe endpoint ({@code /readyz}, {@code /healthz}); -1 when nothing
   * answers.
   */
  public int probe(String path) {
    return get(path).map(HttpResponse::statusCode).orElse(-1);
  }

  public String metrics() {
    return get("/metrics").filter(r -> r.statusCode() == 200).map(HttpResponse::body).orElse("");
  }

  /**
   * Sum of a metric's samples whose labels include every given label (for example {@code
   * metric("fidelius_syncs_total", "result", "failed")}).
   */
  public double metric(String metric, String... labelPairs) {
    return sum(metrics(), metric, labelPairs);
  }

  static double sum(String exposition, String metric, String... labelPairs) {
    double total = 0;
    Pattern line =
        Pattern.compile("^" + Pattern.quote(metric) + "(\\{[^}]*\\})?\\s+([0-9.eE+-]+|NaN)$");
    for (String l : exposition.split("\n")) {
      Matcher m = line.matcher(l.trim());
      if (!m.matches()) {
        continue;
      }
      String labels = m.group(1) == null ? "" : m.group(1);
      boolean all = true;
      for (int i = 0; i + 1 < labelPairs.length; i += 2) {
        all &= labels.contains(labelPairs[i] + "=\"" + labelPairs[i + 1] + "\"");
      }
      if (all && !m.group(2).equals("NaN")) {
        total += Double.parseDouble(m.group(2));
      }
    }
    return total;
  }

  private java.util.Optional<HttpResponse<String>> get(String path) {
    try {
      return java.util.Optional.of(
          HTTP.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                  .timeout(Duration.ofSeconds(5))
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofString()));
    } catch (IOException e) {
      return java.util.Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return java.util.Optional.empty();
    }
  }

  /**
   * SIGKILL (Process.destroyForcibly on Linux): no shutdown hook, no cleanup, as when a node dies.
   */
  public void kill() {
    process.destroyForcibly();
    await(Duration.ofSeconds(10));
  }

  /**
   * SIGTERM, as the kubelet sends it; true when the process exited by itself within the timeout.
   */
  public boolean stopGracefully(Duration timeout) {
    if (!process.isAlive()) {
      return true;
    }
    process.destroy();
    boolean exited = await(timeout);
    if (!exited) {
      kill();
    }
    return exited;
  }

  /** SIGTERM: the graceful stop Kubernetes sends first. */
  public void stop() {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    if (!await(Duration.ofSeconds(15))) {
      kill();
    }
  }

  private boolean await(Duration d) {
    try {
      return process.waitFor(d.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Override
  public void close() {
    stop();
  }

  @Override
  public String toString() {
    return name + " (pid " + process.pid() + ")";
  }
}
