package dev.fidelius.e2e.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a JVM's memory looks like from outside: heap after a full GC ({@code jcmd GC.run}, then
 * {@code GC.heap_info}) and the resident set size from {@code /proc/<pid>/status}.
 */
final class JvmMemory {

  /**
   * In bytes: heap used and committed after a full GC, the resident set size before and after it,
   * and the maximum heap the JVM chose.
   */
  record Memory(
      long heapUsedAfterGc, long heapCommittedAfterGc, long rss, long rssAfterGc, long maxHeap) {}

  private static final Pattern HEAP = Pattern.compile("heap\\s+total (\\d+)K, used (\\d+)K");
  private static final Pattern RSS = Pattern.compile("VmRSS:\\s+(\\d+) kB");
  private static final Pattern MAX_HEAP = Pattern.compile("-XX:MaxHeapSize=(\\d+)");

  private JvmMemory() {}

  static Memory of(long pid) throws IOException, InterruptedException {
    long rss = rss(pid);
    jcmd(pid, "GC.run");
    Matcher heap = HEAP.matcher(jcmd(pid, "GC.heap_info"));
    Matcher maxHeap = MAX_HEAP.matcher(jcmd(pid, "VM.flags"));
    if (!heap.find() || !maxHeap.find()) {
      throw new IllegalStateException("could not read the heap of process " + pid);
    }
    return new Memory(
        Long.parseLong(heap.group(2)) * 1024,
        Long.parseLong(heap.group(1)) * 1024,
        rss,
        rss(pid),
        Long.parseLong(maxHeap.group(1)));
  }

  private static long rss(long pid) throws IOException {
    Matcher m = RSS.matcher(Files.readString(Path.of("/proc", String.valueOf(pid), "status")));
    if (!m.find()) {
      throw new IllegalStateException("no VmRSS for process " + pid);
    }
    return Long.parseLong(m.group(1)) * 1024;
  }

  private static String jcmd(long pid, String command) throws IOException, InterruptedException {
    List<String> cmd =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
            String.valueOf(pid),
            command);
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException("jcmd " + command + " failed: " + out);
    }
    return out;
  }
}
