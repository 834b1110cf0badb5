package dev.fidelius.e2e.bench;

import dev.fidelius.operator.aws.AwsCallCounter.Call;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The benchmark's tables as Markdown: printed, and written to {@code docs/benchmarks.md}. */
final class Report {

  private static final long MB = 1024L * 1024L;

  private final BenchConfig config;
  private final Machine machine;
  private final Instant started;
  private final String loadAtStart;
  private final BenchRuns runs;
  private final Instant finished;
  private final String loadAtEnd;
  private final List<String> failures;
  private EventRuns events;

  Report(
      BenchConfig config,
      Machine machine,
      Instant started,
      String loadAtStart,
      BenchRuns runs,
      Instant finished,
      String loadAtEnd,
      List<String> failures) {
    this.config = config;
    this.machine = machine;
    this.started = started;
    this.loadAtStart = loadAtStart;
    this.runs = runs;
    this.finished = finished;
    this.loadAtEnd = loadAtEnd;
    this.failures = failures;
  }

  /** Adds issue 15's tables (rotation latency with events beside polling, idle calls, outages). */
  Report withEvents(EventRuns events) {
    this.events = events;
    return this;
  }

  String markdown() {
    StringBuilder md = new StringBuilder();
    md.append("# Benchmarks\n\n");
    md.append("Written by `scripts/benchmark.sh` on ")
        .append(DateTimeFormatter.ISO_LOCAL_DATE.format(started.atOffset(ZoneOffset.UTC)))
        .append(" (")
        .append(started.truncatedTo(java.time.temporal.ChronoUnit.SECONDS))
        .append(" to ")
        .append(finished.truncatedTo(java.time.temporal.ChronoUnit.SECONDS))
        .append(", ")
        .append(Math.round((finished.toEpochMilli() - started.toEpochMilli()) / 60000.0))
        .append(" min).\n\n");
    md.append("- Command: `").append(command()).append("`.\n");
    md.append("- Machine: ").append(machine.describe()).append(".\n");
    md.append("- Load average (1/5/15 min) at start: ")
        .append(loadAtStart)
        .append("; at the end: ")
        .append(loadAtEnd)
        .append(
            ". Everything shares this machine: kube-apiserver 1.20 with etcd, moto_server 5.2.1 (Secrets"
                + " Manager, KMS, DynamoDB and DynamoDB Streams, SSM, S3, SQS), the operator and the"
                + " benchmark's own clients; other jobs may share it too, so the load average is part of"
                + " the figures.\n");
    md.append("- Parameters: ").append(config.describe()).append(".\n");
    if (events != null) {
      md.append("- Change events: ").append(events.describe()).append(".\n");
    }
    md.append(
        "- Call counts carry over to AWS; times are those of emulators on one small machine and do not.\n\n");

    callsTable(md);
    new PhaseTable(runs.phases).append(md);
    convergenceTable(md);
    if (events != null) {
      new EventReport(events, runs.rotations).append(md);
    } else {
      rotationTable(md);
    }
    memoryTable(md);
    md.append("## How it was measured\n\n");
    md.append(MethodNotes.TEXT);
    if (!failures.isEmpty()) {
      md.append("\n## Not measured in this run\n\n");
      failures.forEach(n -> md.append("- ").append(n).append('\n'));
    }
    return md.toString();
  }

  /** The script with the bench.* properties this run was given (its output file left out). */
  static String command() {
    StringBuilder c = new StringBuilder("scripts/benchmark.sh");
    System.getProperties().stringPropertyNames().stream()
        .filter(name -> name.startsWith("bench.") && !name.equals("bench.output"))
        .sorted()
        .forEach(name -> c.append(" -D").append(name).append('=').append(System.getProperty(name)));
    return c.toString();
  }

  void write(Path file) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, markdown());
  }

  private void callsTable(StringBuilder md) {
    if (runs.calls.isEmpty()) {
      return;
    }
    md.append("## AWS calls per refresh cycle\n\n");
    md.append(
        "| Backend | N | keys | rotated per cycle | operator: calls per cycle | operator: by operation "
            + "| peers: calls per cycle | peers: by operation | target | met |\n");
    md.append("|---|---:|---:|---:|---:|---|---:|---|---|---|\n");
    for (Results.Calls c : runs.calls) {
      long operator = Stats.median(c.operatorCycles());
      Target target = target(c);
      md.append(
          String.format(
              Locale.ROOT,
              "| %s | %,d | %,d | %d | **%,d** (cycles: %s) | %s | %s | %s | %s | %s |%n",
              c.backend().label(),
              c.n(),
              c.keys(),
              c.rotatedPerCycle(),
              operator,
              join(c.operatorCycles()),
              byOperation(c.operatorMedian()),
              c.peerCycles().isEmpty()
                  ? "not run"
                  : String.format(Locale.ROOT, "%,d", Stats.median(c.peerCycles())),
              byOperation(c.peerMedian()),
              target.text(),
              target.met() ? "yes" : "**no**"));
    }
    md.append('\n');
    for (Results.Calls c : runs.calls) {
      md.append(
          String.format(
              Locale.ROOT,
              "- %s, N=%,d: operator cycles of %s s; peers' refreshes took %s s with %d"
                  + " threads%s.%n",
              c.backend().label(),
              c.n(),
              seconds(c.operatorCycleSeconds()),
              seconds(c.peerCycleSeconds()),
              config.concurrency(),
              c.tableBytes() >= 0
                  ? String.format(
                      Locale.ROOT, "; the table held %,d bytes by its items' sizes", c.tableBytes())
                  : ""));
    }
    md.append('\n');
  }

  record Target(String text, boolean met) {}

  static Target target(Results.Calls c) {
    long median = Stats.median(c.operatorCycles());
    Map<Call, Long> calls = c.operatorMedian();
    if (c.backend() == Backend.SECRETS_MANAGER) {
      double limit = c.keys() / 100.0 + c.rotatedPerCycle() / 20.0 + 5;
      return new Target(String.format(Locale.ROOT, "≤ %.2f", limit), median <= limit);
    }
    if (c.backend() == Backend.PARAMETER_STORE || c.backend() == Backend.S3) {
      return StoreTargets.cycle(c.backend(), c.keys(), c.rotatedPerCycle(), calls);
    }
    long decrypts = calls.getOrDefault(new Call("kms", "Decrypt"), 0L);
    long dynamo =
        calls.entrySet().stream()
            .filter(e -> e.getKey().service().equals("dynamodb"))
            .mapToLong(Map.Entry::getValue)
            .sum();
    long scanPages = Math.max(0, c.tableBytes()) / MB + 1;
    long dynamoLimit = scanPages + c.rotatedPerCycle();
    return new Target(
        String.format(
            Locale.ROOT,
            "KMS ≤ %d; DynamoDB ≤ %d (%d scan page(s) + %d)",
            c.rotatedPerCycle(),
            dynamoLimit,
            scanPages,
            c.rotatedPerCycle()),
        decrypts <= c.rotatedPerCycle() && dynamo <= dynamoLimit);
  }

  private void convergenceTable(StringBuilder md) {
    if (runs.convergence.isEmpty()) {
      return;
    }
    md.append("## Cold convergence\n\n");
    md.append(
        "| Backend | N | API server: create N Secrets | operator: start to all Ready | ratio | target | "
            + "AWS calls |\n");
    md.append("|---|---:|---:|---:|---:|---|---:|\n");
    for (Results.Convergence c : runs.convergence) {
      md.append(
          String.format(
              Locale.ROOT,
              "| %s | %,d | %.1f s (%,.0f/s) | %.1f s (%,.0f/s) | **%.2f** | ≥ 0.40 %s | %,d |%n",
              c.backend().label(),
              c.n(),
              c.rawSeconds(),
              c.n() / c.rawSeconds(),
              c.convergenceSeconds(),
              c.n() / c.convergenceSeconds(),
              c.ratio(),
              c.ratio() >= 0.4 ? "met" : "**not met**",
              c.awsCalls()));
    }
    md.append('\n');
  }

  private void rotationTable(StringBuilder md) {
    if (runs.rotations.isEmpty()) {
      return;
    }
    md.append("## Rotation latency\n\n");
    md.append("| Backend | N | refresh | rotations | p50 | p99 | max |\n");
    md.append("|---|---:|---:|---:|---:|---:|---:|\n");
    for (Results.Rotation r : runs.rotations) {
      List<Double> l = r.latenciesMillis();
      md.append(
          String.format(
              Locale.ROOT,
              "| %s | %,d | %d s | %d | **%.1f s** | **%.1f s** | %.1f s |%n",
              r.backend().label(),
              r.n(),
              r.refreshSeconds(),
              l.size(),
              Stats.percentile(l, 50) / 1000,
              Stats.percentile(l, 99) / 1000,
              Stats.percentile(l, 100) / 1000));
    }
    md.append('\n');
  }

  private void memoryTable(StringBuilder md) {
    if (runs.memory.isEmpty()) {
      return;
    }
    md.append("## Operator memory\n\n");
    md.append(
        "| Backend | N | heap used after full GC | heap committed after it | RSS | RSS after full GC "
            + "| time to sync all |\n");
    md.append("|---|---:|---:|---:|---:|---:|---:|\n");
    for (Results.Memory m : runs.memory) {
      JvmMemory.Memory mem = m.memory();
      md.append(
          String.format(
              Locale.ROOT,
              "| %s | %,d | **%.1f MiB** | %.1f MiB | **%.1f MiB** | %.1f MiB | %.1f s |%n",
              m.backend().label(),
              m.n(),
              mem.heapUsedAfterGc() / (double) MB,
              mem.heapCommittedAfterGc() / (double) MB,
              mem.rss() / (double) MB,
              mem.rssAfterGc() / (double) MB,
              m.syncSeconds()));
    }
    md.append(
        String.format(
            Locale.ROOT,
            "%nThe JVM chose a maximum heap of %.0f MiB (a quarter of this machine's RAM):"
                + " G1 lets the heap grow towards it, so RSS shows the heap the JVM kept, and the heap after a full GC shows"
                + " what the operator needs. In a pod, -Xmx or the container's memory limit bounds both.%n%n",
            runs.memory.get(0).memory().maxHeap() / (double) MB));
  }

  private static String byOperation(Map<Call, Long> calls) {
    return calls.isEmpty()
        ? "none"
        : calls.entrySet().stream()
            .map(e -> e.getKey().operation() + " " + e.getValue())
            .collect(Collectors.joining(", "));
  }

  private static String join(List<Long> values) {
    return values.stream().map(String::valueOf).collect(Collectors.joining(", "));
  }

  private static String seconds(List<Double> values) {
    return values.stream()
        .map(v -> String.format(Locale.ROOT, "%.1f", v))
        .collect(Collectors.joining(", "));
  }
}
