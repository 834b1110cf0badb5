package dev.fidelius.e2e.bench;

import dev.fidelius.operator.aws.AwsCallCounter.Call;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Issue 14's call-count table for every store: first sync, quiet refresh, 1% rotated, and a second
 * resource reading the same versions, with the calls of each phase by service and operation.
 */
final class PhaseTable {

  private final List<Results.Phases> phases;

  PhaseTable(List<Results.Phases> phases) {
    this.phases = phases;
  }

  void append(StringBuilder md) {
    if (phases.isEmpty()) {
      return;
    }
    md.append("## AWS calls by phase, per store\n\n");
    md.append("| Store | N | keys | phase | calls | by service | by operation | target | met |\n");
    md.append("|---|---:|---:|---|---:|---|---|---|---|\n");
    for (Results.Phases p : phases) {
      row(md, p, "first sync", p.firstSync(), null);
      row(
          md,
          p,
          "quiet refresh",
          p.quiet(),
          StoreTargets.cycle(p.backend(), p.keys(), 0, p.quiet()));
      row(
          md,
          p,
          "1% rotated (" + p.rotatedPerCycle() + " keys; median cycle)",
          p.rotated(),
          StoreTargets.cycle(p.backend(), p.keys(), p.rotatedPerCycle(), p.rotated()));
      row(
          md,
          p,
          p.secondResources()
              + " second resource(s), same versions"
              + (p.sweepDuringSecond() ? " (a sweep ran in this window)" : ""),
          p.second(),
          null);
    }
    md.append('\n');
  }

  private static void row(
      StringBuilder md, Results.Phases p, String phase, Map<Call, Long> calls, Report.Target t) {
    md.append(
        String.format(
            Locale.ROOT,
            "| %s | %,d | %,d | %s | **%,d** | %s | %s | %s | %s |%n",
            p.backend().label(),
            p.n(),
            p.keys(),
            phase,
            total(calls),
            byService(calls),
            byOperation(calls),
            t == null ? "" : t.text(),
            t == null ? "" : t.met() ? "yes" : "**no**"));
  }

  static long total(Map<Call, Long> calls) {
    return calls.values().stream().mapToLong(Long::longValue).sum();
  }

  static String byService(Map<Call, Long> calls) {
    Map<String, Long> services = new TreeMap<>();
    calls.forEach((call, n) -> services.merge(call.service(), n, Long::sum));
    return services.isEmpty()
        ? "none"
        : services.entrySet().stream()
            .map(e -> e.getKey() + " " + e.getValue())
            .collect(Collectors.joining(", "));
  }

  static String byOperation(Map<Call, Long> calls) {
    return calls.isEmpty()
        ? "none"
        : calls.entrySet().stream()
            .map(e -> e.getKey().operation() + " " + e.getValue())
            .collect(Collectors.joining(", "));
  }
}
