package dev.fidelius.e2e.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What the benchmark measures and how long it may take, from {@code bench.*} system properties
 * ({@code scripts/benchmark.sh} passes them through). The defaults are the figures and fit
 * in about 20 minutes on 2 cores.
 *
 * @param seed seeds every random choice: secret values, which keys rotate, when they rotate
 * @param applications applications the FideliusSecrets spread across
 * @param keysPerSecret secrets each FideliusSecret reads
 * @param rotatedPercent share of all keys rotated per refresh cycle
 * @param backends backends of the AWS-calls runs
 * @param callsN sizes of the AWS-calls runs, each with every backend
 * @param callsRefresh refresh interval of the calls runs (the rotation run uses {@code
 *     rotationRefresh})
 * @param warmupCycles cycles run and discarded before the measured ones
 * @param measuredCycles measured refresh cycles; the table shows their median
 * @param baselineCycles refresh cycles of the peers' strategy (it keeps no state, so no warm-up)
 * @param convergenceN sizes of the cold-convergence runs
 * @param convergenceBackend backend of the convergence runs not already covered by a calls run
 * @param rotationN size of the rotation-latency run (it reuses the calls run of that size)
 * @param rotationRefresh refresh interval of the rotation-latency run
 * @param rotationSamples rotations timed, at seeded random instants
 * @param rotationBackends backends whose rotation latency is measured
 * @param memoryN sizes at which the packaged jar's heap and RSS are read
 * @param concurrency client threads for seeding, the raw write rate and the peers' polling; also
 *     the operator's reconcile threads
 * @param output the report file
 */
record BenchConfig(
    long seed,
    int applications,
    int keysPerSecret,
    double rotatedPercent,
    Set<Backend> backends,
    List<Integer> callsN,
    Duration callsRefresh,
    int warmupCycles,
    int measuredCycles,
    int baselineCycles,
    List<Integer> convergenceN,
    Backend convergenceBackend,
    int rotationN,
    Duration rotationRefresh,
    int rotationSamples,
    Set<Backend> rotationBackends,
    List<Integer> memoryN,
    int concurrency,
    Path output) {

  static BenchConfig fromSystemProperties(Path projectRoot) {
    return new BenchConfig(
        Long.getLong("bench.seed", 20_240_601L),
        Integer.getInteger("bench.applications", 50),
        Integer.getInteger("bench.keys", 3),
        Double.parseDouble(System.getProperty("bench.rotated.percent", "1")),
        backends("bench.backends", "secretsmanager,fidelius,parameterstore,s3"),
        ints("bench.calls.n", "100,1000"),
        seconds("bench.calls.refresh", 10),
        Integer.getInteger("bench.warmup", 1),
        Integer.getInteger("bench.runs", 3),
        Integer.getInteger("bench.baseline.runs", 3),
        ints("bench.convergence.n", "1000,5000"),
        Backend.parse(System.getProperty("bench.convergence.backend", "secretsmanager")),
        Integer.getInteger("bench.rotation.n", 1000),
        seconds("bench.rotation.refresh", 30),
        Integer.getInteger("bench.rotation.samples", 100),
        backends("bench.rotation.backends", "fidelius,secretsmanager"),
        ints("bench.memory.n", "0,1000,5000"),
        Integer.getInteger("bench.concurrency", 10),
        projectRoot.resolve(System.getProperty("bench.output", "docs/benchmarks.md")));
  }

  /** Sizes of every run that needs a dataset, largest last. */
  int largestN() {
    return Math.max(
        callsN.stream().mapToInt(i -> i).max().orElse(0),
        Math.max(
            convergenceN.stream().mapToInt(i -> i).max().orElse(0),
            memoryN.stream().mapToInt(i -> i).max().orElse(0)));
  }

  Duration refreshFor(Backend backend, int n) {
    return n == rotationN && rotationBackends.contains(backend) ? rotationRefresh : callsRefresh;
  }

  String describe() {
    return String.format(
        Locale.ROOT,
        "seed %d; %d applications, %d keys per FideliusSecret, %.1f%% of keys rotated"
            + " per cycle; calls of %s at N=%s (refresh %ds), %d warm-up + %d measured cycles, peers %d cycles;"
            + " convergence at N=%s (%s); rotation latency at N=%d (refresh %ds, %d rotations, %s);"
            + " memory at N=%s; %d client threads and reconcile threads",
        seed,
        applications,
        keysPerSecret,
        rotatedPercent,
        backends.stream().map(Backend::label).collect(Collectors.joining(", ")),
        callsN,
        callsRefresh.toSeconds(),
        warmupCycles,
        measuredCycles,
        baselineCycles,
        convergenceN,
        convergenceBackend.label(),
        rotationN,
        rotationRefresh.toSeconds(),
        rotationSamples,
        rotationBackends.stream().map(Backend::label).collect(Collectors.joining(", ")),
        memoryN,
        concurrency);
  }

  private static Set<Backend> backends(String property, String defaults) {
    return Arrays.stream(System.getProperty(property, defaults).split(","))
        .map(String::trim)
        .filter(s -> !s.isEmpty())
        .map(Backend::parse)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static List<Integer> ints(String property, String defaults) {
    return Arrays.stream(System.getProperty(property, defaults).split(","))
        .map(String::trim)
        .filter(s -> !s.isEmpty())
        .map(Integer::parseInt)
        .sorted()
        .distinct()
        .toList();
  }

  private static Duration seconds(String property, int defaultSeconds) {
    return Duration.ofSeconds(Integer.getInteger(property, defaultSeconds));
  }
}
