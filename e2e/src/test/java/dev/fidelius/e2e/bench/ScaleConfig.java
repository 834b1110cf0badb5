package dev.fidelius.e2e.bench;

import dev.fidelius.e2e.support.ChartJvmFlags;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What {@link ScaleBenchmark} measures, from {@code bench.scale.*} system properties.
 *
 * @param sizes FideliusSecrets per cold start ({@code bench.scale.n}, default 1000,5000; empty for
 *     none)
 * @param backends backends ({@code bench.scale.backends}, default secretsmanager,fidelius)
 * @param keys keys per FideliusSecret ({@code bench.scale.keys}, default 2)
 * @param smallLimitMib memory limit of the pod up to {@code smallLimitUpTo} resources ({@code
 *     bench.scale.limit.small}, 256)
 * @param largeLimitMib memory limit above it ({@code bench.scale.limit.large}, 512)
 * @param smallLimitUpTo {@code bench.scale.limit.small.upto}, 5000
 * @param shardedSizes FideliusSecrets of the cold starts split between two releases by label
 *     selector ({@code bench.scale.sharded}, default 5000; empty for none)
 * @param jvmFlags the jar's JVM flags ({@code bench.scale.jvm}, space-separated; default the
 *     chart's)
 *     <p>{@code bench.scale.histogram=N} (read by {@link ScaleRun}) also prints the N classes
 *     holding the most heap after each cold start.
 */
record ScaleConfig(
    long seed,
    int applications,
    int keys,
    List<Integer> sizes,
    Set<Backend> backends,
    int concurrency,
    int smallLimitMib,
    int largeLimitMib,
    int smallLimitUpTo,
    List<Integer> shardedSizes,
    List<String> jvmFlags) {

  static ScaleConfig fromSystemProperties() {
    return new ScaleConfig(
        Long.getLong("bench.seed", 20_240_601L),
        Integer.getInteger("bench.applications", 50),
        Integer.getInteger("bench.scale.keys", 2),
        Arrays.stream(System.getProperty("bench.scale.n", "1000,5000").split(","))
            .map(String::trim)
            .filter(t -> !t.isEmpty())
            .map(Integer::parseInt)
            .toList(),
        Arrays.stream(
                System.getProperty("bench.scale.backends", "secretsmanager,fidelius").split(","))
            .map(String::trim)
            .map(Backend::parse)
            .collect(Collectors.toCollection(LinkedHashSet::new)),
        Integer.getInteger("bench.concurrency", 10),
        Integer.getInteger("bench.scale.limit.small", 256),
        Integer.getInteger("bench.scale.limit.large", 512),
        Integer.getInteger("bench.scale.limit.small.upto", 5000),
        Arrays.stream(System.getProperty("bench.scale.sharded", "5000").split(","))
            .map(String::trim)
            .filter(t -> !t.isEmpty())
            .map(Integer::parseInt)
            .toList(),
        jvmFlags(System.getProperty("bench.scale.jvm", "")));
  }

  private static List<String> jvmFlags(String text) {
    return text.isBlank() ? ChartJvmFlags.FLAGS : Arrays.stream(text.trim().split("\\s+")).toList();
  }

  /** The pod's memory limit for n resources, in MiB. */
  int limitFor(int n) {
    return n <= smallLimitUpTo ? smallLimitMib : largeLimitMib;
  }
}
