package dev.fidelius.e2e.bench;

import dev.fidelius.operator.testsupport.FreePorts;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The packaged operator jar as its own process ({@code java -jar}, no JVM flags, as the README runs it),
 * configured by environment variables like a pod, against the benchmark's API server and emulators; and what
 * its memory looks like from outside: heap after a full GC ({@code jcmd GC.run}, then {@code GC.heap_info})
 * and the resident set size from {@code /proc/<pid>/status}.
 */
final class OperatorProcess implements AutoCloseable {

  /**
   * In bytes: heap used and committed after a full GC, the resident set size before and after it, and the
   * maximum heap the JVM chose.
   */
  record Memory(long heapUsedAfterGc, long heapCommittedAfterGc, long rss, long rssAfterGc, long maxHeap) {}

  private static final Pattern HEAP = Pattern.compile("heap\\s+total (\\d+)K, used (\\d+)K");
  private static final Pattern RSS = Pattern.compile("VmRSS:\\s+(\\d+) kB");
  private static final Pattern MAX_HEAP = Pattern.compile("-XX:MaxHeapSize=(\\d+)");

  private final Process process;
  private final int port;
  private final Path log;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private OperatorProcess(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  static OperatorProcess start(Path jar, Path kubeconfig, String namespace, int reconcileThreads, Path log)
      throws IOException {
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " is missing: build it with mvn -pl operator package -DskipTests");
    }
    int port = FreePorts.pick();
    ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-jar", jar.toString());
    Map<String, String> env = pb.environment();
    env.put("KUBECONFIG", kubeconfig.toString());
    env.put("AWS_ACCESS_KEY_ID", "testing");
    env.put("AWS_SECRET_ACCESS_KEY", "testing");
    env.put("AWS_REGION", "us-east-1");
    env.put("FIDELIUS_HTTP_PORT", String.valueOf(port));
    env.put("FIDELIUS_WATCH_NAMESPACES", namespace);
    env.put("FIDELIUS_CONCURRENT_RECONCILES", String.valueOf(reconcileThreads));
    env.put("FIDELIUS_LOG_LEVEL", "WARN");
    pb.redirectErrorStream(true).redirectOutput(log.toFile());
    return new OperatorProcess(pb.start(), port, log);
  }

  long pid() {
    return process.pid();
  }

  /** Waits for /readyz, then until the operator has synced at least {@code syncs} FideliusSecrets. */
  void awaitSyncs(long syncs, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the operator process exited with " + process.exitValue() + "; log: " + log);
      }
      if (get("/readyz").map(r -> r.statusCode() == 200).orElse(false) && syncs() >= syncs) {
        return;
      }
      Thread.sleep(500);
    }
    throw new IllegalStateException("the operator process synced " + syncs() + " of " + syncs + " FideliusSecrets in "
        + timeout.toSeconds() + " s; log: " + log);
  }

  /** Every sync so far, whatever its result, from {@code fidelius_syncs_total}. */
  long syncs() {
    return get("/metrics").map(r -> r.body().lines()
        .filter(l -> l.startsWith("fidelius_syncs_total"))
        .mapToLong(l -> (long) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
        .sum()).orElse(0L);
  }

  Memory memory() throws IOException, InterruptedException {
    long rss = rss();
    jcmd("GC.run");
    Matcher heap = HEAP.matcher(jcmd("GC.heap_info"));
    Matcher maxHeap = MAX_HEAP.matcher(jcmd("VM.flags"));
    if (!heap.find() || !maxHeap.find()) {
      throw new IllegalStateException("could not read the heap of process " + pid());
    }
    return new Memory(Long.parseLong(heap.group(2)) * 1024, Long.parseLong(heap.group(1)) * 1024, rss, rss(),
        Long.parseLong(maxHeap.group(1)));
  }

  private long rss() throws IOException {
    Matcher m = RSS.matcher(Files.readString(Path.of("/proc", String.valueOf(pid()), "status")));
    if (!m.find()) {
      throw new IllegalStateException("no VmRSS for process " + pid());
    }
    return Long.parseLong(m.group(1)) * 1024;
  }

  private String jcmd(String command) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
        String.valueOf(pid()), command));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException("jcmd " + command + " failed: " + out);
    }
    return out;
  }

  private java.util.Optional<HttpResponse<String>> get(String path) {
    try {
      return java.util.Optional.of(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
          .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString()));
    } catch (IOException e) {
      return java.util.Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return java.util.Optional.empty();
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
