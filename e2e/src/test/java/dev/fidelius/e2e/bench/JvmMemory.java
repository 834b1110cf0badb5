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
 * {@code GC.heap_info}) and the resident set size, now and at its peak, from {@code
 * /proc/<pid>/status}.
 */
final class JvmMemory {

  /**
   * In bytes: heap used and committed after a full GC, the resident set size before and after it,
   * and the maximum heap the JVM chose.
   */
  record Memory(
      long heapUsedAfterGc,
      long heapCommittedAfterGc,
      long rss,
      long rssAfterGc,
      long maxHeap,
      long peakRss) {}

  /**
   * A heap space of GC.heap_info: G1's one "garbage-first heap", or the serial collector's young
   * and old generations (summed).
   */
  private static final Pattern HEAP = Pattern.compile("total (\\d+)K, used (\\d+)K");

  private static final Pattern RSS = Pattern.compile("VmRSS:\\s+(\\d+) kB");
  private static final Pattern NATIVE_AREA =
      Pattern.compile("-\\s+([A-Za-z ]+?) \\(reserved=\\d+KB, committed=(\\d+)KB\\)");
  private static final Pattern PEAK_RSS = Pattern.compile("VmHWM:\\s+(\\d+) kB");
  private static final Pattern MAX_HEAP = Pattern.compile("-XX:MaxHeapSize=(\\d+)");

  private JvmMemory() {}

  static Memory of(long pid) throws IOException, InterruptedException {
    long rss = rss(pid);
    jcmd(pid, "GC.run");
    Matcher heap = HEAP.matcher(jcmd(pid, "GC.heap_info"));
    long committedKib = 0;
    long usedKib = 0;
    boolean found = false;
    while (heap.find()) {
      found = true;
      committedKib += Long.parseLong(heap.group(1));
      usedKib += Long.parseLong(heap.group(2));
    }
    Matcher maxHeap = MAX_HEAP.matcher(jcmd(pid, "VM.flags"));
    if (!found || !maxHeap.find()) {
      throw new IllegalStateException("could not read the heap of process " + pid);
    }
    return new Memory(
        usedKib * 1024,
        committedKib * 1024,
        rss,
        rss(pid),
        Long.parseLong(maxHeap.group(1)),
        status(pid, PEAK_RSS));
  }

  /**
   * The committed memory of each native area ({@code jcmd VM.native_memory summary}, one line per
   * area), for a JVM started with {@code -XX:NativeMemoryTracking=summary}; empty otherwise.
   */
  static String nativeAreas(long pid) throws IOException, InterruptedException {
    StringBuilder areas = new StringBuilder();
    Matcher m = NATIVE_AREA.matcher(jcmd(pid, "VM.native_memory summary"));
    while (m.find()) {
      areas.append(areas.length() == 0 ? "" : ", ").append(m.group(1).trim()).append(' ');
      areas.append(Long.parseLong(m.group(2)) / 1024).append(" MiB");
    }
    return areas.toString();
  }

  /**
   * The classes holding the most live heap ({@code jcmd GC.class_histogram}, after a full GC): its
   * header and the first {@code classes} rows, to see what a resource costs.
   */
  static String histogram(long pid, int classes) throws IOException, InterruptedException {
    return jcmd(pid, "GC.class_histogram")
        .lines()
        .dropWhile(line -> !line.contains("num "))
        .limit(classes + 2L)
        .collect(java.util.stream.Collectors.joining("\n"));
  }

  private static long rss(long pid) throws IOException {
    return status(pid, RSS);
  }

  /**
   * A figure of /proc/PID/status in bytes: VmRSS now, or VmHWM, the highest resident set size the
   * process ever had (what a container's memory limit is checked against at every moment).
   */
  private static long status(long pid, Pattern figure) throws IOException {
    Matcher m = figure.matcher(Files.readString(Path.of("/proc", String.valueOf(pid), "status")));
    if (!m.find()) {
      throw new IllegalStateException("no " + figure.pattern() + " for process " + pid);
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
