package dev.fidelius.e2e.bench;

import dev.fidelius.e2e.support.Await;
import dev.fidelius.e2e.support.FaultProxy;
import dev.fidelius.operator.api.FideliusSecret;
import dev.fidelius.operator.aws.AwsCallCounter;
import dev.fidelius.operator.aws.AwsCallCounter.Call;
import dev.fidelius.operator.config.OperatorConfig;
import dev.fidelius.operator.reconciler.OperatorHarness;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import software.amazon.awssdk.services.secretsmanager.model.PutSecretValueResponse;

/**
 * Issue 15's numbers: rotation latency with change events on and refreshInterval 1h, AWS calls in
 * an idle window with events live, and rotations during an event-source outage, for the Fidelius
 * store (the table's DynamoDB stream) and Secrets Manager (an SQS queue).
 */
final class EventRuns {

  private static final Duration HOUR = Duration.ofHours(1);
  private static final Duration SETTLE = Duration.ofSeconds(10);

  private final EventsConfig config;
  private final int concurrency;
  private final Dataset dataset;
  private final BenchEnvironment env;
  private final CyclePhases.Progress progress;
  private final TimedRotations rotations;
  private final SecretsManagerEvents smEvents;

  final List<EventResults.Latency> latencies = new ArrayList<>();
  final List<EventResults.Idle> idle = new ArrayList<>();
  final List<EventResults.Outage> outages = new ArrayList<>();

  EventRuns(
      EventsConfig config,
      int concurrency,
      long seed,
      Dataset dataset,
      BenchEnvironment env,
      CyclePhases.Progress progress) {
    this.config = config;
    this.concurrency = concurrency;
    this.dataset = dataset;
    this.env = env;
    this.progress = progress;
    this.rotations = new TimedRotations(new SplittableRandom(seed ^ 0x15));
    this.smEvents = new SecretsManagerEvents(env.sqs);
  }

  String describe() {
    return config.describe();
  }

  /** Latency, then the idle window, on N FideliusSecrets read through a store with events on. */
  void eventsRun(Backend backend) throws Exception {
    int n = config.n();
    String store = "bench-" + backend.id() + "-events";
    String queue = backend == Backend.SECRETS_MANAGER ? queue(store) : null;
    // The idle window's safetyInterval from the start: changing the store later would make it a new
    // backend and resync every FideliusSecret. With refreshInterval 1h it changes nothing before
    // the
    // window (the operator sweeps at the longer of the two).
    env.client
        .resource(env.storeYaml(store, backend, changeEvents(queue, config.safety())))
        .serverSideApply();
    String ns = env.namespace(backend.id() + "-" + n + "-events");
    progress.progress(
        "%s events, N=%d: seeding, applying %d FideliusSecrets", backend.label(), n, n);
    env.seed(backend, n);
    apply(n, ns, store, HOUR);
    try (SecretWatch watch = new SecretWatch(env.client, ns);
        OperatorHarness operator = startOperator(ns)) {
      long t0 = System.nanoTime();
      try (ReadyWatch ready = new ReadyWatch(env.client, ns)) {
        ready.awaitReady(n, Duration.ofMinutes(20));
      }
      double cold = (System.nanoTime() - t0) / 1e9;
      SweepClock sweeps = new SweepClock(operator);
      Await.until(
          "the change events of " + store + " are live", Duration.ofMinutes(3), sweeps::eventsLive);
      progress.progress(
          "%s events, N=%d: all Ready in %.1f s; events live", backend.label(), n, cold);
      AwsCallCounter counter = operator.runtime().awsCalls();
      Map<Call, Long> before = counter.snapshot();
      List<Double> millis =
          timed(
              backend,
              queue,
              dataset.keys(0, n),
              config.samples(),
              config.window(),
              watch,
              Duration.ofMinutes(2));
      int missed = watch.pending();
      latencies.add(
          new EventResults.Latency(
              backend,
              n,
              config.window().toSeconds(),
              cold,
              millis,
              missed,
              counter.since(before)));
      progress.progress(
          "%s events, N=%d: %d rotations timed, %d missed; calls %s",
          backend.label(), n, millis.size(), missed, counter.since(before));
      idleWindow(backend, ns, operator);
    }
  }

  /**
   * Rotations of a few FideliusSecrets with a short refreshInterval while the event source is out.
   */
  void outageRun(Backend backend) throws Exception {
    int n = config.outageN();
    Duration refresh = config.outageRefresh();
    String store = "bench-" + backend.id() + "-outage";
    String queue = backend == Backend.SECRETS_MANAGER ? queue(store) : null;
    try (FaultProxy proxy = FaultProxy.start("bench-stream-outage", env.moto.endpoint())) {
      env.client
          .resource(env.storeYaml(store, backend, changeEvents(queue, null), proxy.endpoint()))
          .serverSideApply();
      outage(backend, n, refresh, store, queue, proxy);
    }
  }

  private void outage(
      Backend backend, int n, Duration refresh, String store, String queue, FaultProxy proxy)
      throws Exception {
    String ns = env.namespace(backend.id() + "-" + n + "-outage");
    env.seed(backend, n);
    apply(n, ns, store, refresh);
    try (SecretWatch watch = new SecretWatch(env.client, ns);
        OperatorHarness operator = startOperator(ns);
        ReadyWatch ready = new ReadyWatch(env.client, ns)) {
      ready.awaitReady(n, Duration.ofMinutes(5));
      SweepClock sweeps = new SweepClock(operator);
      Await.until(
          "the change events of " + store + " are live", Duration.ofMinutes(3), sweeps::eventsLive);
      String outage = breakSource(backend, queue, proxy);
      long outageAt = System.nanoTime();
      progress.progress(
          "%s outage: %s; %d rotations over %d s",
          backend.label(), outage, config.outageSamples(), refresh.multipliedBy(2).toSeconds());
      AtomicLong noticed = new AtomicLong(-1);
      Thread observer =
          new Thread(
              () -> {
                while (noticed.get() < 0 && !Thread.currentThread().isInterrupted()) {
                  if (!sweeps.eventsLive()) {
                    noticed.set(System.nanoTime());
                  }
                  Await.sleep(Duration.ofMillis(200));
                }
              },
              "outage-observer");
      observer.setDaemon(true);
      observer.start();
      Duration deadline = refresh.multipliedBy(4).plusMinutes(2);
      List<Double> millis =
          timed(
              backend,
              null,
              dataset.keys(0, n),
              config.outageSamples(),
              refresh.multipliedBy(2),
              watch,
              deadline);
      observer.interrupt();
      double noticedSeconds = noticed.get() < 0 ? -1 : (noticed.get() - outageAt) / 1e9;
      outages.add(
          new EventResults.Outage(
              backend, n, refresh.toSeconds(), outage, noticedSeconds, millis, watch.pending()));
      progress.progress(
          "%s outage: noticed after %.1f s; latencies (ms) %s; %d missed",
          backend.label(), noticedSeconds, millis, watch.pending());
    }
  }

  /**
   * AWS calls over an idle window. The store has held the shortened safetyInterval from the start,
   * so that the window holds sweeps. While events are live the operator sweeps at the longer of the
   * safetyInterval and the shortest refreshInterval, so with refreshInterval 1h it would sweep
   * hourly whatever the safetyInterval: for this window the FideliusSecrets' refreshInterval is set
   * equal to it, and the sweeps seen are the safety sweeps.
   */
  private void idleWindow(Backend backend, String ns, OperatorHarness operator) {
    Duration safety = config.safety();
    String refresh = safety.toSeconds() + "s";
    progress.progress(
        "%s events: refreshInterval %s on %d FideliusSecrets, then settling",
        backend.label(), refresh, config.n());
    env.parallel(
        IntStream.range(0, config.n()).boxed().toList(),
        i ->
            env.client
                .resources(FideliusSecret.class)
                .inNamespace(ns)
                .withName(Dataset.fsecName(i))
                .edit(
                    f -> {
                      f.getSpec().setRefreshInterval(refresh);
                      return f;
                    }));
    SweepClock sweeps = new SweepClock(operator);
    AwsCallCounter counter = operator.runtime().awsCalls();
    // The edits resync every FideliusSecret (a spec change); a sweep after them starts the window.
    sweeps.awaitSweepAfter(sweeps.lastSweep(), safety.multipliedBy(2).plusMinutes(2));
    awaitQuiet(counter);
    Map<Call, Long> before = counter.snapshot();
    var last = sweeps.lastSweep();
    int seen = 0;
    long t0 = System.nanoTime();
    long end = t0 + config.idle().toNanos();
    progress.progress(
        "%s events: idle window of %d s, safetyInterval %d s",
        backend.label(), config.idle().toSeconds(), safety.toSeconds());
    while (System.nanoTime() < end) {
      Await.sleep(Duration.ofMillis(500)); // the measured window: counting sweeps as they happen
      var now = sweeps.lastSweep();
      if (now.isAfter(last)) {
        seen++;
        last = now;
      }
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    Map<Call, Long> calls = counter.since(before);
    idle.add(new EventResults.Idle(backend, config.n(), safety.toSeconds(), seconds, calls, seen));
    progress.progress(
        "%s events: idle %.0f s, %d sweeps: %s", backend.label(), seconds, seen, calls);
  }

  /** Waits until the operator made no call but its event source's for {@link #SETTLE}. */
  private static void awaitQuiet(AwsCallCounter counter) {
    AtomicLong last = new AtomicLong(-1);
    AtomicLong since = new AtomicLong(System.nanoTime());
    Await.until(
        "the operator settled",
        Duration.ofMinutes(5),
        () -> {
          long other =
              counter.snapshot().entrySet().stream()
                  .filter(e -> !EventReport.isFeedCall(e.getKey()))
                  .mapToLong(Map.Entry::getValue)
                  .sum();
          if (other != last.getAndSet(other)) {
            since.set(System.nanoTime());
          }
          return System.nanoTime() - since.get() >= SETTLE.toNanos();
        });
  }

  private List<Double> timed(
      Backend backend,
      String queue,
      List<Dataset.Key> keys,
      int count,
      Duration window,
      SecretWatch watch,
      Duration deadline)
      throws InterruptedException {
    AtomicReference<PutSecretValueResponse> written = new AtomicReference<>();
    rotations.run(
        keys,
        count,
        window,
        watch,
        (key, value) -> {
          if (backend == Backend.SECRETS_MANAGER) {
            written.set(env.putSecretValue(key, value));
          } else {
            env.write(backend, key, value);
          }
        },
        key -> {
          if (queue != null) {
            smEvents.announcePut(queue, written.get());
          }
        });
    watch.awaitAll(deadline);
    return watch.drainLatenciesMillis();
  }

  /**
   * Secrets Manager: the queue is deleted. Fidelius store: every DynamoDB Streams call of the store
   * fails with a server error from then on (a fault proxy in front of moto; table reads pass). Not
   * UpdateTable StreamEnabled=false: after it, moto 5.2.1 fails every conditional PutItem on the
   * table, so no writer could rotate anything.
   */
  private String breakSource(Backend backend, String queue, FaultProxy proxy) {
    if (backend == Backend.SECRETS_MANAGER) {
      env.sqs.deleteQueue(b -> b.queueUrl(queue));
      return "the store's SQS queue deleted";
    }
    proxy.injectOperations(
        1.0,
        Set.of(
            "dynamodb.GetRecords",
            "dynamodb.GetShardIterator",
            "dynamodb.DescribeStream",
            "dynamodb.ListStreams"),
        FaultProxy.Fault.SERVER_ERROR);
    return "every stream read fails (HTTP 500)";
  }

  private String queue(String name) {
    return env.sqs.createQueue(b -> b.queueName(name)).queueUrl();
  }

  private String changeEvents(String queue, Duration safety) {
    List<String> fields = new ArrayList<>();
    fields.add("enabled: true");
    if (safety != null) {
      fields.add("safetyInterval: " + safety.toSeconds() + "s");
    }
    if (queue != null) {
      fields.add("sqs: {queueUrl: \"%s\", endpoint: \"%s\"}".formatted(queue, env.moto.endpoint()));
    }
    return "{" + String.join(", ", fields) + "}";
  }

  private OperatorHarness startOperator(String ns) {
    return new OperatorHarness(
            env.kube,
            Map.of(
                OperatorConfig.WATCH_NAMESPACES,
                ns,
                OperatorConfig.CONCURRENT_RECONCILES,
                String.valueOf(concurrency)))
        .start();
  }

  private void apply(int n, String ns, String store, Duration refresh) {
    env.parallel(
        IntStream.range(0, n).boxed().toList(),
        i -> env.client.resource(dataset.fsec(i, ns, store, refresh)).create());
  }
}
