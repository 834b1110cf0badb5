package dev.fidelius.e2e.bench;

import dev.fidelius.e2e.support.Await;
import dev.fidelius.e2e.support.OperatorLaunch;
import dev.fidelius.e2e.support.OperatorProcess;
import dev.fidelius.operator.aws.AwsCallCounter;
import dev.fidelius.operator.aws.AwsCallCounter.Call;
import dev.fidelius.operator.config.OperatorConfig;
import dev.fidelius.operator.reconciler.OperatorHarness;
import io.fabric8.kubernetes.api.model.Secret;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The benchmark's runs, each on its own namespace of the shared servers. */
final class BenchRuns {

  private static final Duration LONG_REFRESH = Duration.ofHours(1);

  private final BenchConfig config;
  private final Dataset dataset;
  private final BenchEnvironment env;
  private final SplittableRandom random;
  private final Path workDir;
  private final long startNanos = System.nanoTime();

  final List<Results.Calls> calls = new ArrayList<>();
  final List<Results.Convergence> convergence = new ArrayList<>();
  final List<Results.Rotation> rotations = new ArrayList<>();
  final List<Results.Memory> memory = new ArrayList<>();
  final List<Results.Phases> phases = new ArrayList<>();

  /**
   * Namespaces holding N FideliusSecrets synced at a one-hour refresh, per N, on the convergence
   * backend.
   */
  private final Map<Integer, String> quietNamespaces = new HashMap<>();

  BenchRuns(BenchConfig config, Dataset dataset, BenchEnvironment env, Path workDir) {
    this.config = config;
    this.dataset = dataset;
    this.env = env;
    this.random = new SplittableRandom(config.seed());
    this.workDir = workDir;
  }

  /**
   * One backend at one size: cold convergence, then AWS calls per refresh cycle with 1% of the keys
   * rotated per cycle (warm-up, then measured cycles), the rotation latency when this is the
   * rotation run, and last the peers' strategy on the same data.
   */
  void callsRun(Backend backend, int n) throws Exception {
    Duration refresh = config.refreshFor(backend, n);
    String ns = env.namespace(backend.id() + "-" + n);
    progress("%s, N=%d: seeding %d keys", backend.label(), n, n * dataset.keysPerSecret());
    env.seed(backend, n);
    List<Dataset.Key> keys = dataset.keys(0, n);
    int rotatedPerCycle =
        (int) Math.max(1, Math.round(keys.size() * config.rotatedPercent() / 100.0));

    try (SecretWatch secrets = new SecretWatch(env.client, ns)) {
      OperatorHarness operator = convergeCold(backend, n, ns, refresh);
      try {
        AwsCallCounter counter = operator.runtime().awsCalls();
        Map<Call, Long> firstSync = counter.snapshot();
        Map<Dataset.Key, String> lastRotated = Map.of();
        progress(
            "%s, N=%d: %d refresh cycles of %d s, %d keys rotated per cycle",
            backend.label(),
            n,
            config.warmupCycles() + config.measuredCycles(),
            refresh.toSeconds(),
            rotatedPerCycle);
        List<Map<Call, Long>> windows = new ArrayList<>();
        List<Double> windowSeconds = new ArrayList<>();
        Map<Call, Long> before = counter.snapshot();
        long windowStart = System.nanoTime();
        for (int cycle = 0; cycle < config.warmupCycles() + config.measuredCycles(); cycle++) {
          lastRotated = rotate(backend, keys, rotatedPerCycle, secrets);
          if (!secrets.awaitAll(refresh.multipliedBy(3).plusSeconds(60))) {
            throw new IllegalStateException(
                secrets.pending() + " rotated values never reached their Secrets");
          }
          // Every rotated value is in its Secret: the sweep that saw them and the reconciles it
          // triggered are
          // done. From here to the same point of the next cycle is one sweep period.
          Map<Call, Long> now = counter.snapshot();
          long nowNanos = System.nanoTime();
          progress(
              "%s, N=%d: cycle %d of %.1f s: %s",
              backend.label(), n, cycle, (nowNanos - windowStart) / 1e9, counter.since(before));
          if (cycle >= config.warmupCycles()) {
            windows.add(counter.since(before));
            windowSeconds.add((nowNanos - windowStart) / 1e9);
          }
          before = now;
          windowStart = nowNanos;
        }
        secrets.drainLatenciesMillis();
        phases.add(
            new CyclePhases(env, dataset, operator, ns, refresh, this::progress)
                .measure(
                    backend,
                    n,
                    keys.size(),
                    rotatedPerCycle,
                    firstSync,
                    medianOf(windows),
                    lastRotated.keySet()));
        if (n == config.rotationN() && config.rotationBackends().contains(backend)) {
          rotations.add(rotationLatency(backend, n, refresh, keys, secrets));
        }
        operator.close();
        operator = null;
        progress(
            "%s, N=%d: the peers' strategy, %d refreshes",
            backend.label(), n, config.baselineCycles());
        PeerCycles peer = peerCycles(backend, keys, rotatedPerCycle);
        calls.add(
            new Results.Calls(
                backend,
                n,
                keys.size(),
                rotatedPerCycle,
                totals(windows),
                medianOf(windows),
                windowSeconds,
                totals(peer.windows),
                medianOf(peer.windows),
                peer.seconds,
                backend == Backend.FIDELIUS ? tableBytes() : -1));
      } finally {
        if (operator != null) {
          operator.close();
        }
      }
    }
  }

  /** Cold convergence alone, for sizes no calls run covers; the FideliusSecrets refresh hourly. */
  void convergenceRun(Backend backend, int n) throws Exception {
    String ns = env.namespace(backend.id() + "-" + n + "-quiet");
    progress("%s, N=%d: seeding %d keys", backend.label(), n, n * dataset.keysPerSecret());
    env.seed(backend, n);
    convergeCold(backend, n, ns, LONG_REFRESH).close();
    quietNamespaces.put(n, ns);
  }

  /**
   * The packaged jar at N FideliusSecrets (of the convergence backend, refreshed hourly): synced,
   * then its heap after a full GC and its RSS.
   */
  void memoryRun(int n, Path kubeconfig) throws Exception {
    Backend backend = config.convergenceBackend();
    String ns = quietNamespaces.get(n);
    if (ns == null) {
      ns = env.namespace(backend.id() + "-" + n + "-memory");
      env.seed(backend, n);
      apply(backend, n, ns, LONG_REFRESH);
    }
    progress("memory: the operator jar with %d FideliusSecrets", n);
    // java -jar without flags, as the README runs it: the JVM's own heap sizing is part of the
    // figure.
    OperatorLaunch launch =
        OperatorProcess.launch("fidelius-operator-memory-" + n)
            .jvmOptions(List.of())
            .env(
                Map.of(
                    "AWS_ACCESS_KEY_ID",
                    "testing",
                    "AWS_SECRET_ACCESS_KEY",
                    "testing",
                    "AWS_REGION",
                    "us-east-1",
                    "FIDELIUS_WATCH_NAMESPACES",
                    ns,
                    "FIDELIUS_CONCURRENT_RECONCILES",
                    String.valueOf(config.concurrency()),
                    "FIDELIUS_LOG_LEVEL",
                    "WARN"))
            .kubeconfig(kubeconfig)
            .log(workDir.resolve("operator-jar-" + n + ".log"));
    try (ReadyWatch ready = new ReadyWatch(env.client, ns);
        OperatorProcess operator = launch.start()) {
      long t0 = System.nanoTime();
      operator.awaitReady(Duration.ofMinutes(15));
      Await.until(
          "the jar synced " + n + " FideliusSecrets",
          Duration.ofMinutes(15),
          () -> operator.metric("fidelius_syncs_total") >= n);
      ready.awaitReady(n, Duration.ofMinutes(5));
      double syncSeconds = (System.nanoTime() - t0) / 1e9;
      Thread.sleep(10_000); // let the start-up burst settle: the figure is the steady state
      memory.add(new Results.Memory(backend, n, JvmMemory.of(operator.pid()), syncSeconds));
    }
  }

  // ---------------------------------------------------------------------------------------------------------

  /**
   * Applies N FideliusSecrets with the operator stopped, measures the API server's raw write rate
   * for N Secrets, then starts the operator and times it to the last Ready. Returns the running
   * operator.
   */
  private OperatorHarness convergeCold(Backend backend, int n, String ns, Duration refresh)
      throws Exception {
    apply(backend, n, ns, refresh);
    double raw = rawWrite(n, env.namespace(backend.id() + "-" + n + "-raw"));
    progress(
        "%s, N=%d: raw write of %d Secrets took %.1f s; starting the operator",
        backend.label(), n, n, raw);
    try (ReadyWatch ready = new ReadyWatch(env.client, ns)) {
      OperatorHarness operator =
          new OperatorHarness(
              env.kube,
              Map.of(
                  OperatorConfig.WATCH_NAMESPACES,
                  ns,
                  OperatorConfig.CONCURRENT_RECONCILES,
                  String.valueOf(config.concurrency())));
      long t0 = System.nanoTime();
      operator.start();
      long t1 = ready.awaitReady(n, Duration.ofMinutes(20));
      double seconds = (t1 - t0) / 1e9;
      long awsCalls = operator.runtime().awsCalls().total();
      convergence.add(new Results.Convergence(backend, n, raw, seconds, awsCalls));
      progress(
          "%s, N=%d: all Ready %.1f s after the operator started (ratio %.2f); AWS calls %s; syncs %s",
          backend.label(),
          n,
          seconds,
          raw / seconds,
          operator.runtime().awsCalls().snapshot(),
          operator
              .runtime()
              .metrics()
              .scrape()
              .lines()
              .filter(l -> l.startsWith("fidelius_syncs_total"))
              .map(l -> l.replace("fidelius_syncs_total", ""))
              .toList());
      return operator;
    }
  }

  private void apply(Backend backend, int n, String ns, Duration refresh) {
    progress("%s, N=%d: applying %d FideliusSecrets", backend.label(), n, n);
    String store = BenchEnvironment.storeName(backend);
    env.parallel(
        IntStream.range(0, n).boxed().toList(),
        i -> env.client.resource(dataset.fsec(i, ns, store, refresh)).create());
  }

  /** Seconds to create N Secrets shaped like the operator's (3 keys, labels, hash annotation). */
  private double rawWrite(int n, String ns) {
    List<Secret> secrets = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      Secret secret = dataset.plainSecret(i, ns);
      secret.getMetadata().getLabels().put("bench", "raw");
      secrets.add(secret);
    }
    long t0 = System.nanoTime();
    env.parallel(secrets, s -> env.client.secrets().inNamespace(ns).resource(s).create());
    return (System.nanoTime() - t0) / 1e9;
  }

  /**
   * Writes new versions of {@code count} distinct random keys and tells the watch (if any) what to
   * expect.
   *
   * @return each rotated key and its new value
   */
  private Map<Dataset.Key, String> rotate(
      Backend backend, List<Dataset.Key> keys, int count, SecretWatch watch) {
    Set<Integer> picked = new HashSet<>();
    Map<Dataset.Key, String> rotated = new LinkedHashMap<>();
    while (rotated.size() < count) {
      int i = random.nextInt(keys.size());
      if (picked.add(i)) {
        Dataset.Key key = keys.get(i);
        String value = Dataset.randomValue(random);
        env.write(backend, key, value);
        if (watch != null) {
          watch.expect(key, value, System.nanoTime());
        }
        rotated.put(key, value);
      }
    }
    return rotated;
  }

  /** Rotations at seeded random instants over four refresh intervals, each timed to its Secret. */
  private Results.Rotation rotationLatency(
      Backend backend, int n, Duration refresh, List<Dataset.Key> keys, SecretWatch watch)
      throws InterruptedException {
    long window = refresh.multipliedBy(4).toNanos();
    List<Long> instants = new ArrayList<>();
    for (int i = 0; i < config.rotationSamples(); i++) {
      instants.add((long) (random.nextDouble() * window));
    }
    instants.sort(Comparator.naturalOrder());
    progress(
        "%s, N=%d: rotation latency, %d rotations at random instants over %d s",
        backend.label(), n, instants.size(), refresh.multipliedBy(4).toSeconds());
    Set<Integer> used = new HashSet<>();
    long start = System.nanoTime();
    for (long at : instants) {
      long sleep = (start + at - System.nanoTime()) / 1_000_000;
      if (sleep > 0) {
        Thread.sleep(sleep);
      }
      int i;
      do {
        i = random.nextInt(keys.size());
      } while (!used.add(i));
      Dataset.Key key = keys.get(i);
      String value = Dataset.randomValue(random);
      env.write(backend, key, value);
      watch.expect(key, value, System.nanoTime());
    }
    if (!watch.awaitAll(refresh.multipliedBy(3).plusSeconds(60))) {
      throw new IllegalStateException(
          watch.pending() + " rotated values never reached their Secrets");
    }
    List<Double> latencies = watch.drainLatenciesMillis();
    return new Results.Rotation(backend, n, refresh.toSeconds(), latencies);
  }

  private record PeerCycles(List<Map<Call, Long>> windows, List<Double> seconds) {}

  private PeerCycles peerCycles(Backend backend, List<Dataset.Key> keys, int rotatedPerCycle) {
    List<Map<Call, Long>> windows = new ArrayList<>();
    List<Double> seconds = new ArrayList<>();
    try (PeerBaseline peer = new PeerBaseline(env)) {
      for (int cycle = 0; cycle < config.baselineCycles(); cycle++) {
        Map<Dataset.Key, String> rotated = rotate(backend, keys, rotatedPerCycle, null);
        Map<Call, Long> before = peer.calls().snapshot();
        long t0 = System.nanoTime();
        Map<Dataset.Key, String> values = peer.refresh(backend, keys);
        seconds.add((System.nanoTime() - t0) / 1e9);
        windows.add(peer.calls().since(before));
        if (values.size() != keys.size()) {
          throw new IllegalStateException(
              "the peers' strategy read " + values.size() + " of " + keys.size() + " keys");
        }
        rotated.forEach(
            (key, value) -> {
              if (!value.equals(values.get(key))) {
                throw new IllegalStateException(
                    "the peers' strategy missed the rotation of " + key.fullName());
              }
            });
      }
    }
    return new PeerCycles(windows, seconds);
  }

  /**
   * The table's size by DynamoDB's item-size rule (attribute names plus values), summed over a
   * scan. moto's DescribeTable reports TableSizeBytes 0, and DynamoDB refreshes it only every six
   * hours or so.
   */
  private long tableBytes() {
    long bytes = 0;
    for (var page : env.ddb.scanPaginator(b -> b.tableName(BenchEnvironment.TABLE))) {
      for (Map<String, AttributeValue> item : page.items()) {
        for (var attribute : item.entrySet()) {
          bytes += utf8Length(attribute.getKey()) + valueBytes(attribute.getValue());
        }
      }
    }
    return bytes;
  }

  private static long valueBytes(AttributeValue value) {
    if (value.s() != null) {
      return utf8Length(value.s());
    }
    if (value.b() != null) {
      return value.b().asByteArray().length;
    }
    return value.n() != null ? value.n().length() : 1;
  }

  private static long utf8Length(String text) {
    return text.getBytes(StandardCharsets.UTF_8).length;
  }

  private static List<Long> totals(List<Map<Call, Long>> windows) {
    return windows.stream().map(w -> w.values().stream().mapToLong(Long::longValue).sum()).toList();
  }

  /** The calls of the window whose total is the median. */
  private static Map<Call, Long> medianOf(List<Map<Call, Long>> windows) {
    if (windows.isEmpty()) {
      return Map.of();
    }
    long median = Stats.median(totals(windows));
    return windows.stream()
        .filter(w -> w.values().stream().mapToLong(Long::longValue).sum() == median)
        .findFirst()
        .orElseThrow();
  }

  void progress(String format, Object... args) {
    System.out.printf(
        Locale.ROOT,
        "[bench %5.0f s] %s%n",
        (System.nanoTime() - startNanos) / 1e9,
        String.format(Locale.ROOT, format, args));
    System.out.flush();
  }

  static Path workDir(Path projectRoot) throws java.io.IOException {
    return Files.createDirectories(projectRoot.resolve("e2e/target/benchmark"));
  }
}
