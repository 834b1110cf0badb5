package dev.fidelius.operator;

import java.util.Optional;

/**
 * Gives the JVM's common fork-join pool at least two workers, before anything uses it.
 *
 * <p>On one or two CPUs (a pod's usual limit) the common pool gets a parallelism of one, and {@code
 * CompletableFuture} then runs every asynchronous step that names no executor on a new thread. The
 * JDK HTTP client, which the Kubernetes client uses, takes such a step for every response: a cold
 * start of 5,000 FideliusSecrets started 15,000 short-lived threads. With two workers those steps
 * run on the pool. An explicit {@value #PROPERTY} is left as given.
 */
final class CommonPoolParallelism {

  static final String PROPERTY = "java.util.concurrent.ForkJoinPool.common.parallelism";

  /** The least parallelism at which {@code CompletableFuture} uses the common pool. */
  static final int LEAST = 2;

  private CommonPoolParallelism() {}

  /** Sets the property when needed; call first thing in {@code main}. */
  static void ensure() {
    valueToSet(System.getProperty(PROPERTY), Runtime.getRuntime().availableProcessors())
        .ifPresent(value -> System.setProperty(PROPERTY, value));
  }

  /**
   * The parallelism to set: none when the property is given, or when the JVM's own choice (one less
   * than the CPUs) is already enough.
   */
  static Optional<String> valueToSet(String given, int processors) {
    if (given != null || processors - 1 >= LEAST) {
      return Optional.empty();
    }
    return Optional.of(String.valueOf(LEAST));
  }
}
