package dev.fidelius.operator.aws;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Counts AWS API calls by service and operation, as the application sees them (one per SDK call,
 * whatever the SDK retried underneath). Installed on every client the operator builds; read by
 * metrics, tests and benchmarks. Service names are the SDK's, lower-cased ({@code dynamodb}, {@code
 * kms}, {@code secretsmanager}, {@code sts}); operations are the API's ({@code Query}, {@code
 * Decrypt}, ...). Thread-safe.
 */
public final class AwsCallCounter implements ExecutionInterceptor {

  /** One service operation, for example {@code kms/Decrypt} or {@code dynamodb/Query}. */
  public record Call(String service, String operation) implements Comparable<Call> {
    @Override
    public int compareTo(Call o) {
      int c = service.compareTo(o.service);
      return c != 0 ? c : operation.compareTo(o.operation);
    }

    @Override
    public String toString() {
      return service + "/" + operation;
    }
  }

  private final Map<Call, LongAdder> counts = new ConcurrentHashMap<>();

  @Override
  public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
    String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
    String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
    record(
        service == null ? "unknown" : service.toLowerCase(java.util.Locale.ROOT),
        operation == null ? "unknown" : operation);
  }

  public void record(String service, String operation) {
    counts.computeIfAbsent(new Call(service, operation), k -> new LongAdder()).increment();
  }

  public long count(String service, String operation) {
    LongAdder adder = counts.get(new Call(service, operation));
    return adder == null ? 0 : adder.sum();
  }

  /** Calls of one service, all operations. */
  public long count(String service) {
    return counts.entrySet().stream()
        .filter(e -> e.getKey().service().equals(service))
        .mapToLong(e -> e.getValue().sum())
        .sum();
  }

  public long total() {
    return counts.values().stream().mapToLong(LongAdder::sum).sum();
  }

  /** A sorted copy of every count so far. */
  public Map<Call, Long> snapshot() {
    Map<Call, Long> copy = new TreeMap<>();
    counts.forEach((k, v) -> copy.put(k, v.sum()));
    return copy;
  }

  /** The calls made since an earlier snapshot, leaving out operations with no new calls. */
  public Map<Call, Long> since(Map<Call, Long> earlier) {
    Map<Call, Long> delta = new TreeMap<>();
    snapshot()
        .forEach(
            (call, n) -> {
              long d = n - earlier.getOrDefault(call, 0L);
              if (d != 0) {
                delta.put(call, d);
              }
            });
    return delta;
  }
}
