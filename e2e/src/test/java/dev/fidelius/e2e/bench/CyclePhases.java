package dev.fidelius.e2e.bench;

import dev.fidelius.operator.api.FideliusSecret;
import dev.fidelius.operator.aws.AwsCallCounter;
import dev.fidelius.operator.aws.AwsCallCounter.Call;
import dev.fidelius.operator.reconciler.OperatorHarness;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * The two phases of issue 14's call-count table that the rotation cycles do not cover, measured on
 * the running operator right after them: a quiet refresh (one sweep period with nothing rotated,
 * from one sweep's snapshot to the next) and a second resource reading the versions rotated last
 * (FideliusSecrets with the same data as those whose keys rotated, applied right after a sweep,
 * until all are Ready).
 */
final class CyclePhases {

  /** Prints progress lines, as {@link BenchRuns#progress} does. */
  interface Progress {
    void progress(String format, Object... args);
  }

  private final BenchEnvironment env;
  private final Dataset dataset;
  private final OperatorHarness operator;
  private final String namespace;
  private final Duration refresh;
  private final Progress progress;

  CyclePhases(
      BenchEnvironment env,
      Dataset dataset,
      OperatorHarness operator,
      String namespace,
      Duration refresh,
      Progress progress) {
    this.env = env;
    this.dataset = dataset;
    this.operator = operator;
    this.namespace = namespace;
    this.refresh = refresh;
    this.progress = progress;
  }

  Results.Phases measure(
      Backend backend,
      int n,
      int keys,
      int rotatedPerCycle,
      Map<Call, Long> firstSync,
      Map<Call, Long> rotated,
      Collection<Dataset.Key> rotatedLast)
      throws InterruptedException {
    AwsCallCounter counter = operator.runtime().awsCalls();
    SweepClock sweeps = new SweepClock(operator);
    Duration timeout = refresh.multipliedBy(3).plusSeconds(60);
    // The rotated cycle ended after a sweep; the quiet period runs from the next sweep to the one
    // after it, so that it holds exactly one sweep and whatever else one period brings.
    Instant start = sweeps.awaitSweepAfter(sweeps.lastSweep(), timeout);
    Map<Call, Long> before = counter.snapshot();
    Instant end = sweeps.awaitSweepAfter(start, timeout);
    Map<Call, Long> quiet = counter.since(before);
    progress.progress(
        "%s, N=%d: quiet refresh (%.1f s between sweeps): %s",
        backend.label(), n, Duration.between(start, end).toMillis() / 1e3, quiet);

    TreeSet<Integer> owners = new TreeSet<>();
    rotatedLast.forEach(k -> owners.add(k.secret()));
    Map<Call, Long> beforeSecond = counter.snapshot();
    Instant sweepBefore = sweeps.lastSweep();
    try (ReadyWatch ready = new ReadyWatch(env.client, namespace)) {
      ready.awaitReady(n, timeout);
      for (int i : owners) {
        env.client.resource(twin(i, backend)).create();
      }
      ready.awaitReady(n + owners.size(), timeout);
    }
    Map<Call, Long> second = counter.since(beforeSecond);
    boolean sweepRan = sweeps.lastSweep().isAfter(sweepBefore);
    progress.progress(
        "%s, N=%d: %d second resources reading the same versions: %s%s",
        backend.label(), n, owners.size(), second, sweepRan ? " (a sweep ran meanwhile)" : "");
    return new Results.Phases(
        backend,
        n,
        keys,
        rotatedPerCycle,
        firstSync,
        quiet,
        rotated,
        second,
        owners.size(),
        sweepRan);
  }

  /** FideliusSecret {@code i} again under another name: the same store, scope and data. */
  private FideliusSecret twin(int i, Backend backend) {
    FideliusSecret fsec = dataset.fsec(i, namespace, BenchEnvironment.storeName(backend), refresh);
    fsec.getMetadata().setName(String.format(Locale.ROOT, "twin-%05d", i));
    return fsec;
  }
}
