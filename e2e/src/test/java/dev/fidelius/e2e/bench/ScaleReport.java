package dev.fidelius.e2e.bench;

import dev.fidelius.e2e.bench.ScaleBenchmark.ScaleResult;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** The Markdown tables of {@link ScaleBenchmark}, for the "Scale" section of docs/benchmarks.md. */
final class ScaleReport {

  private ScaleReport() {}

  static String render(
      ScaleConfig config,
      String machine,
      Instant started,
      String loadAtStart,
      Instant ended,
      String loadAtEnd,
      List<ScaleResult> results,
      List<String> cpuNotes,
      List<ApiCostProbe.Cost> probe,
      List<String> failures) {
    StringBuilder b = new StringBuilder();
    b.append(
        String.format(
            Locale.ROOT,
            "Measured by ScaleBenchmark from %s to %s. Machine: %s. Load average (1/5/15 min) at"
                + " start %s, at the end %s. %d keys per FideliusSecret, %d applications, %d"
                + " reconcile threads and raw-write clients. JVM flags: %s (after -XX:MaxRAM for"
                + " the limit). A row of a release of a split names its shard: its N is its"
                + " share, its time runs to the last Ready of all shards, its raw time is for all"
                + " N.%n%n",
            started,
            ended,
            machine,
            loadAtStart,
            loadAtEnd,
            config.keys(),
            config.applications(),
            config.concurrency(),
            String.join(" ", config.jvmFlags())));
    b.append(
        "| Backend | N | raw: create N Secrets | operator: jar start to all Ready | ratio | AWS"
            + " calls | bound | by operation | limit | heap after GC | RSS (peak) | heap per resource |"
            + " alive |\n");
    b.append("|---|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---|\n");
    long idleHeap =
        results.stream()
            .filter(r -> r.n() == 0)
            .mapToLong(r -> r.memory().heapUsedAfterGc())
            .findFirst()
            .orElse(0);
    for (ScaleResult r : results) {
      boolean idle = r.n() == 0;
      b.append(
          String.format(
              Locale.ROOT,
              "| %s | %,d | %s | %s | %s | %s | %s | %s | %d Mi | %s | %s | %s | %s |%n",
              idle
                  ? "(idle)"
                  : r.release().isEmpty()
                      ? r.backend().label()
                      : r.backend().label() + " (" + r.release() + ")",
              r.n(),
              idle
                  ? ""
                  : String.format(
                      Locale.ROOT, "%.1f s (%.0f/s)", r.rawSeconds(), r.total() / r.rawSeconds()),
              idle
                  ? ""
                  : String.format(
                      Locale.ROOT,
                      "%.1f s (%.0f/s)",
                      r.convergenceSeconds(),
                      r.total() / r.convergenceSeconds()),
              idle ? "" : String.format(Locale.ROOT, "**%.2f**", r.ratio()),
              idle ? "" : String.format(Locale.ROOT, "%,d", r.awsCalls()),
              idle
                  ? ""
                  : r.callBound() < 0 ? "none" : String.format(Locale.ROOT, "%,d", r.callBound()),
              r.callsByOperation(),
              r.limitMib(),
              ScaleResult.mib(r.memory().heapUsedAfterGc()),
              ScaleResult.mib(r.memory().rss())
                  + " ("
                  + ScaleResult.mib(r.memory().peakRss())
                  + ")",
              idle
                  ? ""
                  : String.format(
                      Locale.ROOT,
                      "%.1f KiB",
                      (r.memory().heapUsedAfterGc() - idleHeap) / 1024.0 / r.n()),
              r.alive() ? "yes" : "**no**"));
    }
    if (!cpuNotes.isEmpty()) {
      b.append("\nCPU seconds by process (from /proc; the API server, etcd and moto serve the")
          .append(" benchmark's own clients too):\n\n");
      cpuNotes.forEach(note -> b.append("- ").append(note).append('\n'));
    }
    if (!probe.isEmpty()) {
      b.append("\nCPU per request by kind, no operator running (`-Dbench.scale.probe`):\n\n")
          .append("| Request | count | wall | API server | etcd | benchmark's clients |\n")
          .append("|---|---:|---:|---:|---:|---:|\n");
      probe.forEach(cost -> b.append(cost.row()).append('\n'));
    }
    for (String f : failures) {
      b.append("\nNot measured: ").append(f).append('\n');
    }
    return b.toString();
  }
}
