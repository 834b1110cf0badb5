package dev.fidelius.operator.aws;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Counts failed AWS calls by store, service and kind of failure (throttled, access_denied,
 * unavailable, ...), once per SDK call after its retries ran out. Each store's clients carry their
 * own interceptor ({@link #forStore}), so a failure is counted against the store that made it.
 *
 * <p>The kind comes from a classifier given by the caller (the backends' error classification: this
 * package knows nothing above it), which maps any error code into a closed set: an endpoint a
 * tenant points a store at cannot invent label values. Thread-safe.
 */
public final class AwsErrorCounter {

  /** One counted series: a store (its key as metrics show it), a service and a kind. */
  public record Key(String store, String service, String kind) implements Comparable<Key> {
    @Override
    public int compareTo(Key o) {
      return toString().compareTo(o.toString());
    }
  }

  private final Function<Throwable, String> kindOf;
  private final Map<Key, LongAdder> counts = new ConcurrentHashMap<>();

  /**
   * @param kindOf the kind of a failure, from a closed set of names
   */
  public AwsErrorCounter(Function<Throwable, String> kindOf) {
    this.kindOf = kindOf;
  }

  /** An interceptor that counts the failures of one store's clients. */
  public ExecutionInterceptor forStore(String store) {
    return new ExecutionInterceptor() {
      @Override
      public void onExecutionFailure(
          Context.FailedExecution context, ExecutionAttributes attributes) {
        String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
        record(
            store,
            service == null ? "unknown" : service.toLowerCase(Locale.ROOT),
            context.exception());
      }
    };
  }

  /** Counts one failed call of {@code service} by {@code store}. */
  public void record(String store, String service, Throwable failure) {
    Key key = new Key(store, service, kindOf.apply(failure));
    counts.computeIfAbsent(key, k -> new LongAdder()).increment();
  }

  public long count(Key key) {
    LongAdder adder = counts.get(key);
    return adder == null ? 0 : adder.sum();
  }

  /** A sorted copy of every count so far. */
  public Map<Key, Long> snapshot() {
    Map<Key, Long> copy = new TreeMap<>();
    counts.forEach((k, v) -> copy.put(k, v.sum()));
    return copy;
  }

  /** Forgets the counts of stores not in {@code stores} (deleted ones): bounded by live stores. */
  public void retainStores(Set<String> stores) {
    counts.keySet().removeIf(k -> !stores.contains(k.store()));
  }
}
