package dev.fidelius.e2e.bench;

import ch.qos.logback.classic.Level;
import dev.fidelius.operator.api.CrdManifests;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The benchmark of the issue: AWS calls per refresh cycle against the peers' strategy, cold
 * convergence against the API server's raw write rate, rotation latency and operator memory, on
 * real servers. Not a test: it asserts nothing about time. {@code scripts/benchmark.sh} runs it
 * (Maven profile {@code bench}); the default test run never does, as its name matches neither *Test
 * nor *IT.
 */
class FideliusBenchmark {

  @Test
  void run() throws Exception {
    quietLogs();
    Path root = CrdManifests.projectRoot();
    BenchConfig config = BenchConfig.fromSystemProperties(root);
    Machine machine = Machine.current();
    Instant started = Instant.now();
    String loadAtStart = Machine.loadAverage();
    Dataset dataset = new Dataset(config.seed(), config.applications(), config.keysPerSecret());
    Path workDir = BenchRuns.workDir(root);
    List<String> failures = new ArrayList<>();

    BenchRuns runs;
    EventRuns events;
    try (BenchEnvironment env = BenchEnvironment.start(dataset, config.concurrency())) {
      runs = new BenchRuns(config, dataset, env, workDir);
      BenchRuns r = runs;
      r.progress("machine: %s; load %s", machine.describe(), loadAtStart);
      r.progress("parameters: %s", config.describe());
      for (Backend backend : config.backends()) {
        for (int n : config.callsN()) {
          attempt(r, failures, backend.label() + " at N=" + n, () -> r.callsRun(backend, n));
        }
      }
      for (int n : config.convergenceN()) {
        if (!config.callsN().contains(n)
            || !config.backends().contains(config.convergenceBackend())) {
          attempt(
              r,
              failures,
              "convergence at N=" + n,
              () -> r.convergenceRun(config.convergenceBackend(), n));
        }
      }
      events =
          new EventRuns(
              EventsConfig.fromSystemProperties(),
              config.concurrency(),
              config.seed(),
              dataset,
              env,
              r::progress);
      EventRuns e = events;
      r.progress("change events: %s", e.describe());
      for (Backend backend : EventsConfig.fromSystemProperties().backends()) {
        attempt(r, failures, backend.label() + " with change events", () -> e.eventsRun(backend));
      }
      for (Backend backend : EventsConfig.fromSystemProperties().backends()) {
        attempt(r, failures, backend.label() + " event-source outage", () -> e.outageRun(backend));
      }
      Path kubeconfig = env.kube.writeKubeconfig(workDir.resolve("kubeconfig.yaml"));
      for (int n : config.memoryN()) {
        attempt(r, failures, "memory at N=" + n, () -> r.memoryRun(n, kubeconfig));
      }
    }
    Report report =
        new Report(
            config,
            machine,
            started,
            loadAtStart,
            runs,
            Instant.now(),
            Machine.loadAverage(),
            failures);
    report.withEvents(events);
    report.write(config.output());
    runs.progress("report written to %s", config.output());
    if (!failures.isEmpty()) {
      throw new AssertionError("not measured: " + String.join("; ", failures));
    }
  }

  private interface Run {
    void run() throws Exception;
  }

  /** Runs one part; a part that fails is reported as not measured, and the others still run. */
  private static void attempt(BenchRuns runs, List<String> failures, String what, Run run) {
    try {
      run.run();
    } catch (Exception | AssertionError e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      String failure = what + " was not measured: " + e;
      runs.progress("%s", failure);
      failures.add(failure);
    }
  }

  /** The operator logs every sync at INFO; thousands of lines would drown the progress. */
  private static void quietLogs() {
    for (String name :
        List.of(
            Logger.ROOT_LOGGER_NAME,
            "dev.fidelius",
            "io.javaoperatorsdk",
            "io.fabric8",
            "software.amazon.awssdk",
            "com.amazonaws",
            "org.eclipse.jetty")) {
      Logger logger = LoggerFactory.getLogger(name);
      if (logger instanceof ch.qos.logback.classic.Logger logback) {
        logback.setLevel(Level.WARN);
      }
    }
  }
}
