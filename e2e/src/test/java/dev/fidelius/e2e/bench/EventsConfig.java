package dev.fidelius.e2e.bench;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What the change-event runs (issue 15) measure, from {@code bench.events.*} system properties.
 *
 * @param backends stores with change events measured: fidelius (the table's DynamoDB stream),
 *     secretsmanager (an SQS queue); empty skips the event runs
 * @param n FideliusSecrets, all with refreshInterval 1h, read through the store with events on
 * @param samples rotations timed, at seeded random instants over {@code window}
 * @param window time the rotations are spread over
 * @param safety the store's safetyInterval during the idle window (shortened from the default 10
 *     minutes so that the window sees sweeps)
 * @param idle length of the idle window
 * @param outageN FideliusSecrets of the outage run
 * @param outageRefresh their refreshInterval
 * @param outageSamples rotations timed during the outage, over two refresh intervals
 */
record EventsConfig(
    Set<Backend> backends,
    int n,
    int samples,
    Duration window,
    Duration safety,
    Duration idle,
    int outageN,
    Duration outageRefresh,
    int outageSamples) {

  static EventsConfig fromSystemProperties() {
    return new EventsConfig(
        backends(System.getProperty("bench.events.backends", "fidelius,secretsmanager")),
        Integer.getInteger("bench.events.n", 1000),
        Integer.getInteger("bench.events.samples", 100),
        seconds("bench.events.window", 60),
        seconds("bench.events.safety", 60),
        seconds("bench.events.idle", 180),
        Integer.getInteger("bench.events.outage.n", 20),
        seconds("bench.events.outage.refresh", 30),
        Integer.getInteger("bench.events.outage.samples", 10));
  }

  String describe() {
    return String.format(
        Locale.ROOT,
        "change events of %s at N=%d (refreshInterval 1h; %d rotations over %d s); idle window"
            + " of %d s with safetyInterval %d s; outage run of %d FideliusSecrets with"
            + " refreshInterval %d s, %d rotations",
        backends.stream().map(Backend::label).collect(Collectors.joining(", ")),
        n,
        samples,
        window.toSeconds(),
        idle.toSeconds(),
        safety.toSeconds(),
        outageN,
        outageRefresh.toSeconds(),
        outageSamples);
  }

  private static Set<Backend> backends(String text) {
    Set<Backend> set =
        Arrays.stream(text.split(","))
            .map(String::trim)
            .filter(s -> !s.isEmpty())
            .map(Backend::parse)
            .collect(Collectors.toCollection(TreeSet::new));
    for (Backend b : set) {
      if (b != Backend.FIDELIUS && b != Backend.SECRETS_MANAGER) {
        throw new IllegalArgumentException(
            "bench.events.backends: change events are measured for fidelius and secretsmanager");
      }
    }
    return set;
  }

  private static Duration seconds(String property, int defaultSeconds) {
    return Duration.ofSeconds(Integer.getInteger(property, defaultSeconds));
  }
}
