package dev.fidelius.e2e.bench;

import dev.fidelius.e2e.support.OperatorProcess;
import dev.fidelius.operator.api.CrdManifests;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Cold start and memory at scale (issue 19): for each backend and N, N FideliusSecrets of k keys
 * are applied with no operator running, the API server's raw rate is measured in the same run (as
 * many plain clients as reconcile threads creating N bare Secrets of the same shape), then the
 * packaged jar starts as the chart runs it, under a container-equivalent memory limit, and is timed
 * to the last Ready; its AWS calls, heap after a full GC and RSS are read once it is quiet, and the
 * CPU seconds each process used meanwhile. With {@code -Dbench.scale.probe=N} it first measures
 * what each kind of API request costs ({@link ApiCostProbe}). Not a test: run by {@code
 * scripts/benchmark.sh -Dbench.scale=true -Dit.test=ScaleBenchmark}.
 */
@EnabledIfSystemProperty(named = "bench.scale", matches = "true")
class ScaleBenchmark {

  @Test
  void run() throws Exception {
    ScaleConfig config = ScaleConfig.fromSystemProperties();
    Path root = CrdManifests.projectRoot();
    Path workDir = Files.createDirectories(root.resolve("e2e/target/scale-benchmark"));
    Dataset dataset = new Dataset(config.seed(), config.applications(), config.keys());
    Machine machine = Machine.current();
    String loadAtStart = Machine.loadAverage();
    Instant started = Instant.now();
    List<ScaleResult> results = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    List<String> cpuNotes = new ArrayList<>();
    List<ApiCostProbe.Cost> probe = new ArrayList<>();
    try (BenchEnvironment env = BenchEnvironment.start(dataset, config.concurrency())) {
      Path kubeconfig = env.kube.writeKubeconfig(workDir.resolve("kubeconfig.yaml"));
      ScaleRun runs = new ScaleRun(config, dataset, env, kubeconfig, workDir);
      results.add(runs.idle());
      int probed = Integer.getInteger("bench.scale.probe", 0);
      if (probed > 0) {
        probe.addAll(new ApiCostProbe(env, dataset).run(probed));
      }
      for (Backend backend : config.backends()) {
        for (int n : config.sizes()) {
          try {
            results.add(runs.coldStart(backend, n));
          } catch (Exception | AssertionError e) {
            failures.add(backend.label() + " at N=" + n + ": " + e);
            ScaleRun.progress("%s at N=%d was not measured: %s", backend.label(), n, e);
          }
        }
        for (int n : config.shardedSizes()) {
          try {
            results.addAll(runs.shardedColdStart(backend, n, ScaleRun.SHARDS));
          } catch (Exception | AssertionError e) {
            failures.add(backend.label() + " at N=" + n + " in two releases: " + e);
            ScaleRun.progress(
                "%s at N=%d in two releases was not measured: %s", backend.label(), n, e);
          }
        }
      }
      cpuNotes.addAll(runs.cpuNotes());
    }
    String report =
        ScaleReport.render(
            config,
            machine.describe(),
            started,
            loadAtStart,
            Instant.now(),
            Machine.loadAverage(),
            results,
            cpuNotes,
            probe,
            failures);
    Path out = workDir.resolve("scale-report.md");
    Files.writeString(out, report);
    System.out.println(report);
    ScaleRun.progress("report written to %s", out);
    if (!failures.isEmpty()) {
      throw new AssertionError("not measured: " + String.join("; ", failures));
    }
  }

  /** One cold start (or, with n = 0, the idle operator), as measured. */
  record ScaleResult(
      Backend backend,
      int n,
      int limitMib,
      double rawSeconds,
      double convergenceSeconds,
      long awsCalls,
      String callsByOperation,
      long callBound,
      JvmMemory.Memory memory,
      boolean alive,
      String release,
      int total) {

    ScaleResult(
        Backend backend,
        int n,
        int limitMib,
        double rawSeconds,
        double convergenceSeconds,
        long awsCalls,
        String callsByOperation,
        long callBound,
        JvmMemory.Memory memory,
        boolean alive) {
      this(
          backend,
          n,
          limitMib,
          rawSeconds,
          convergenceSeconds,
          awsCalls,
          callsByOperation,
          callBound,
          memory,
          alive,
          "",
          n);
    }

    double ratio() {
      return rawSeconds / convergenceSeconds;
    }

    static String mib(long bytes) {
      return String.format(Locale.ROOT, "%.1f MiB", bytes / 1024.0 / 1024.0);
    }
  }

  /** Reads an operator counter as a whole number. */
  static long counter(OperatorProcess operator, String metric, String... labels) {
    return Math.round(operator.metric(metric, labels));
  }

  static Duration minutes(int m) {
    return Duration.ofMinutes(m);
  }
}
