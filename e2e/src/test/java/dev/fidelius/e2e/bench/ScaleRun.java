package dev.fidelius.e2e.bench;

import dev.fidelius.e2e.support.Await;
import dev.fidelius.e2e.support.OperatorProcess;
import dev.fidelius.operator.api.FideliusSecret;
import io.fabric8.kubernetes.api.model.Secret;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/** The parts of {@link ScaleBenchmark}: the idle jar, and one cold start per backend and N. */
final class ScaleRun {

  private static final Duration HOURLY = Duration.ofHours(1);

  /** The operations the operator may call, for the per-operation breakdown. */
  private static final List<String> OPERATIONS =
      List.of(
          "BatchGetSecretValue",
          "GetSecretValue",
          "ListSecrets",
          "DescribeSecret",
          "Scan",
          "BatchGetItem",
          "GetItem",
          "Query",
          "DescribeTable",
          "GetParameters",
          "GetParameter",
          "GetParametersByPath",
          "DescribeParameters",
          "GetObject",
          "ListObjectsV2",
          "ListObjectVersions",
          "HeadObject",
          "Decrypt");

  private final ScaleConfig config;
  private final Dataset dataset;
  private final BenchEnvironment env;
  private final Path kubeconfig;
  private final Path workDir;

  /** CPU seconds by process during each raw write and cold start, for the report. */
  private final List<String> cpuNotes = new ArrayList<>();

  ScaleRun(
      ScaleConfig config, Dataset dataset, BenchEnvironment env, Path kubeconfig, Path workDir) {
    this.config = config;
    this.dataset = dataset;
    this.env = env;
    this.kubeconfig = kubeconfig;
    this.workDir = workDir;
  }

  List<String> cpuNotes() {
    return List.copyOf(cpuNotes);
  }

  static void progress(String format, Object... args) {
    System.out.printf(
        "[scale %s] %s%n", LocalTime.now().truncatedTo(ChronoUnit.SECONDS), format.formatted(args));
  }

  /**
   * The jar watching an empty namespace under the small limit: the baseline of heap per resource.
   */
  ScaleBenchmark.ScaleResult idle() throws Exception {
    String ns = env.namespace("scale-idle");
    int limit = config.limitFor(0);
    ProcessCpu beforeStart = ProcessCpu.sample(-1);
    try (OperatorProcess operator = launch("idle", ns, limit)) {
      operator.awaitReady(Duration.ofMinutes(5));
      settle();
      double jarStart =
          ProcessCpu.sample(operator.pid()).secondsSince(beforeStart).getOrDefault("jar", 0.0);
      progress("idle jar: %.1f s of CPU from its start to ready and 10 s idle", jarStart);
      cpuNotes.add(
          String.format(
              Locale.ROOT,
              "The idle jar (no FideliusSecret): %.1f s of CPU from its start to ready and 10 s"
                  + " idle, part of every cold start's jar figure.",
              jarStart));
      return new ScaleBenchmark.ScaleResult(
          Backend.SECRETS_MANAGER,
          0,
          limit,
          0,
          0,
          0,
          "",
          0,
          JvmMemory.of(operator.pid()),
          operator.isAlive());
    }
  }

  /**
   * N FideliusSecrets applied with no operator, the raw rate measured, then the jar started and
   * timed to the last Ready.
   */
  ScaleBenchmark.ScaleResult coldStart(Backend backend, int n) throws Exception {
    String ns = env.namespace("scale-" + backend.id() + "-" + n);
    progress("%s, N=%d: seeding %d keys", backend.label(), n, n * dataset.keysPerSecret());
    env.seed(backend, n);
    progress("%s, N=%d: applying %d FideliusSecrets", backend.label(), n, n);
    String store = BenchEnvironment.storeName(backend);
    env.parallel(
        IntStream.range(0, n).boxed().toList(),
        i -> env.client.resource(dataset.fsec(i, ns, store, HOURLY)).create());
    ProcessCpu beforeRaw = ProcessCpu.sample(-1);
    double raw = rawWrite(n, env.namespace("scale-" + backend.id() + "-" + n + "-raw"));
    String rawCpu = ProcessCpu.describe(ProcessCpu.sample(-1).secondsSince(beforeRaw), n);
    progress(
        "%s, N=%d: raw write %.1f s (CPU: %s); starting the jar", backend.label(), n, raw, rawCpu);
    int limit = config.limitFor(n);
    try (ReadyWatch ready = new ReadyWatch(env.client, ns)) {
      ProcessCpu beforeStart = ProcessCpu.sample(-1);
      long t0 = System.nanoTime();
      try (OperatorProcess operator = launch(backend.id() + "-" + n, ns, limit)) {
        long t1 = ready.awaitReady(n, Duration.ofMinutes(40));
        double seconds = (t1 - t0) / 1e9;
        String startCpu =
            ProcessCpu.describe(ProcessCpu.sample(operator.pid()).secondsSince(beforeStart), n);
        progress(
            "%s, N=%d: CPU from the jar's start to all Ready: %s", backend.label(), n, startCpu);
        cpuNotes.add(
            String.format(
                "%s, N=%,d: raw write: %s. Jar start to all Ready: %s.",
                backend.label(), n, rawCpu, startCpu));
        Await.until(
            "the jar counted " + n + " syncs",
            Duration.ofMinutes(5),
            () -> operator.metric("fidelius_syncs_total") >= n);
        settle();
        long calls = ScaleBenchmark.counter(operator, "fidelius_aws_calls_total");
        String byOperation = byOperation(operator);
        long bound = bound(backend, n, operator);
        JvmMemory.Memory memory = JvmMemory.of(operator.pid());
        progress(
            "%s, N=%d: all Ready %.1f s after start (ratio %.2f); %d syncs; AWS calls %d (%s;"
                + " bound %d); heap after GC %s, RSS %s (peak %s)",
            backend.label(),
            n,
            seconds,
            raw / seconds,
            // More syncs than resources: some synced twice, and a second sync reads alone.
            ScaleBenchmark.counter(operator, "fidelius_syncs_total"),
            calls,
            byOperation,
            bound,
            ScaleBenchmark.ScaleResult.mib(memory.heapUsedAfterGc()),
            ScaleBenchmark.ScaleResult.mib(memory.rss()),
            ScaleBenchmark.ScaleResult.mib(memory.peakRss()));
        if (config.jvmFlags().stream().anyMatch(f -> f.startsWith("-XX:NativeMemoryTracking"))) {
          progress(
              "%s, N=%d: native memory: %s",
              backend.label(), n, JvmMemory.nativeAreas(operator.pid()));
        }
        int classes = Integer.getInteger("bench.scale.histogram", 0);
        if (classes > 0) {
          progress(
              "%s, N=%d: heap by class:%n%s",
              backend.label(), n, JvmMemory.histogram(operator.pid(), classes));
        }
        return new ScaleBenchmark.ScaleResult(
            backend, n, limit, raw, seconds, calls, byOperation, bound, memory, operator.isAlive());
      }
    }
  }

  /** Releases a sharded cold start splits the FideliusSecrets between. */
  static final int SHARDS = 2;

  /** The label each FideliusSecret of a sharded run carries: its shard, 0 to SHARDS - 1. */
  static final String SHARD_LABEL = "fidelius.dev/shard";

  /**
   * N FideliusSecrets labelled with their shard, split between {@code shards} jars each watching
   * one shard by label selector (as releases with the chart's {@code labelSelector} do), started
   * together; timed to the last Ready of all. One result per release: its share, its calls and its
   * memory.
   */
  List<ScaleBenchmark.ScaleResult> shardedColdStart(Backend backend, int n, int shards)
      throws Exception {
    String ns = env.namespace("scale-" + backend.id() + "-" + n + "-sharded");
    progress(
        "%s, N=%d in %d releases: seeding %d keys",
        backend.label(), n, shards, n * dataset.keysPerSecret());
    env.seed(backend, n);
    String store = BenchEnvironment.storeName(backend);
    env.parallel(
        IntStream.range(0, n).boxed().toList(),
        i -> {
          FideliusSecret fsec = dataset.fsec(i, ns, store, HOURLY);
          fsec.getMetadata().setLabels(Map.of(SHARD_LABEL, String.valueOf(i % shards)));
          env.client.resource(fsec).create();
        });
    double raw = rawWrite(n, env.namespace("scale-" + backend.id() + "-" + n + "-sharded-raw"));
    progress("%s, N=%d: raw write %.1f s; starting %d jars", backend.label(), n, raw, shards);
    int limit = config.limitFor(n / shards);
    List<OperatorProcess> operators = new ArrayList<>();
    try (ReadyWatch ready = new ReadyWatch(env.client, ns)) {
      long t0 = System.nanoTime();
      for (int shard = 0; shard < shards; shard++) {
        operators.add(
            launch(
                backend.id() + "-" + n + "-shard" + shard,
                ns,
                limit,
                Map.of("FIDELIUS_LABEL_SELECTOR", SHARD_LABEL + "=" + shard)));
      }
      long t1 = ready.awaitReady(n, Duration.ofMinutes(40));
      double seconds = (t1 - t0) / 1e9;
      settle();
      List<ScaleBenchmark.ScaleResult> results = new ArrayList<>();
      for (int shard = 0; shard < shards; shard++) {
        OperatorProcess operator = operators.get(shard);
        int share = n / shards + (shard < n % shards ? 1 : 0);
        long syncs = ScaleBenchmark.counter(operator, "fidelius_syncs_total");
        JvmMemory.Memory memory = JvmMemory.of(operator.pid());
        long calls = ScaleBenchmark.counter(operator, "fidelius_aws_calls_total");
        progress(
            "%s, N=%d, release %d: %d syncs, AWS calls %d (%s); heap after GC %s, RSS %s (peak %s)",
            backend.label(),
            n,
            shard,
            syncs,
            calls,
            byOperation(operator),
            ScaleBenchmark.ScaleResult.mib(memory.heapUsedAfterGc()),
            ScaleBenchmark.ScaleResult.mib(memory.rss()),
            ScaleBenchmark.ScaleResult.mib(memory.peakRss()));
        results.add(
            new ScaleBenchmark.ScaleResult(
                backend,
                share,
                limit,
                raw,
                seconds,
                calls,
                byOperation(operator),
                bound(backend, share, operator),
                memory,
                operator.isAlive(),
                "release " + (shard + 1) + " of " + shards + ", " + SHARD_LABEL + "=" + shard,
                n));
      }
      progress(
          "%s, N=%d in %d releases: all Ready %.1f s after start (ratio %.2f)",
          backend.label(), n, shards, seconds, raw / seconds);
      return results;
    } finally {
      operators.forEach(OperatorProcess::close);
    }
  }

  /**
   * The bound on a cold start's AWS calls: Secrets Manager N×k/20 + N×k/100 + 10; the
   * Fidelius store the scan pages (as counted) + N×k/100 + one Decrypt per distinct version (each
   * key here has its own); -1 for the stores the issue gives no bound.
   */
  private long bound(Backend backend, int n, OperatorProcess operator) {
    long keys = (long) n * dataset.keysPerSecret();
    if (backend == Backend.SECRETS_MANAGER) {
      return keys / 20 + keys / 100 + 10;
    }
    if (backend != Backend.FIDELIUS) {
      return -1;
    }
    long scans = ScaleBenchmark.counter(operator, "fidelius_aws_calls_total", "operation", "Scan");
    return scans + keys / 100 + keys;
  }

  private static String byOperation(OperatorProcess operator) {
    return OPERATIONS.stream()
        .map(
            op ->
                Map.entry(
                    op,
                    ScaleBenchmark.counter(operator, "fidelius_aws_calls_total", "operation", op)))
        .filter(e -> e.getValue() > 0)
        .map(e -> e.getKey() + " " + e.getValue())
        .collect(Collectors.joining(", "));
  }

  /** The jar as the chart runs it, under a container-equivalent memory limit. */
  private OperatorProcess launch(String name, String ns, int limitMib) {
    return launch(name, ns, limitMib, Map.of());
  }

  private OperatorProcess launch(
      String name, String ns, int limitMib, Map<String, String> extraEnv) {
    Map<String, String> vars = new HashMap<>(extraEnv);
    vars.putAll(
        Map.of(
            "AWS_ACCESS_KEY_ID", "testing",
            "AWS_SECRET_ACCESS_KEY", "testing",
            "AWS_REGION", "us-east-1",
            "FIDELIUS_WATCH_NAMESPACES", ns,
            "FIDELIUS_CONCURRENT_RECONCILES", String.valueOf(config.concurrency()),
            "FIDELIUS_LOG_LEVEL", "WARN"));
    return OperatorProcess.launch("fidelius-operator-scale-" + name)
        .jvmOptions(
            // MaxRAM stands in for the container's memory limit, which the JVM reads as its
            // physical memory; then the chart's flags (or those the run was given to compare).
            Stream.concat(Stream.of("-XX:MaxRAM=" + limitMib + "m"), config.jvmFlags().stream())
                .toList())
        .env(vars)
        .kubeconfig(kubeconfig)
        .log(workDir.resolve("operator-" + name + ".log"))
        .start();
  }

  /**
   * Seconds for as many plain clients as reconcile threads to create N Secrets of the same shape.
   */
  private double rawWrite(int n, String ns) {
    List<Secret> secrets = IntStream.range(0, n).mapToObj(i -> dataset.plainSecret(i, ns)).toList();
    long t0 = System.nanoTime();
    env.parallel(secrets, s -> env.client.secrets().inNamespace(ns).resource(s).create());
    return (System.nanoTime() - t0) / 1e9;
  }

  /** The start-up burst over: the figures are the steady state. */
  private static void settle() throws InterruptedException {
    Thread.sleep(10_000);
  }
}
