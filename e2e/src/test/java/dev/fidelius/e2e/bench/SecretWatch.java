package dev.fidelius.e2e.bench;

import dev.fidelius.operator.api.ApiGroup;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Watches the operator's Secrets in one namespace the way a consumer would (an informer), and times
 * each expected value from the moment its new version was written to the moment the Secret holding
 * it arrives.
 */
final class SecretWatch implements AutoCloseable {

  private record Expected(String value, long writtenNanos) {}

  private final SharedIndexInformer<Secret> informer;

  /** Secret name -> data key -> expected value. Guarded by this. */
  private final Map<String, Map<String, Expected>> pending = new HashMap<>();

  private final List<Long> latenciesNanos = new ArrayList<>();

  SecretWatch(KubernetesClient client, String namespace) {
    informer =
        client
            .secrets()
            .inNamespace(namespace)
            .withLabel(ApiGroup.MANAGED_BY_LABEL, ApiGroup.MANAGED_BY_VALUE)
            .inform(
                new ResourceEventHandler<>() {
                  @Override
                  public void onAdd(Secret secret) {
                    seen(secret);
                  }

                  @Override
                  public void onUpdate(Secret before, Secret after) {
                    seen(after);
                  }

                  @Override
                  public void onDelete(Secret secret, boolean unknownFinalState) {}
                },
                0);
  }

  /**
   * Expects {@code value} under the key's data key, written (committed in the backend) at {@code
   * writtenNanos}.
   */
  synchronized void expect(Dataset.Key key, String value, long writtenNanos) {
    pending
        .computeIfAbsent(key.fsecName(), k -> new HashMap<>())
        .put(key.dataKey(), new Expected(value, writtenNanos));
  }

  synchronized int pending() {
    return pending.values().stream().mapToInt(Map::size).sum();
  }

  /** Waits until every expected value arrived; false on timeout. */
  synchronized boolean awaitAll(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (pending() > 0) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      wait(Math.max(1, left / 1_000_000));
    }
    return true;
  }

  /** The latencies measured since the last call, in milliseconds. */
  synchronized List<Double> drainLatenciesMillis() {
    List<Double> millis = latenciesNanos.stream().map(n -> n / 1e6).toList();
    latenciesNanos.clear();
    return millis;
  }

  private synchronized void seen(Secret secret) {
    long now = System.nanoTime();
    Map<String, Expected> forSecret = pending.get(secret.getMetadata().getName());
    if (forSecret == null || secret.getData() == null) {
      return;
    }
    forSecret
        .entrySet()
        .removeIf(
            e -> {
              String encoded = secret.getData().get(e.getKey());
              if (encoded == null) {
                return false;
              }
              String value =
                  new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
              if (!value.equals(e.getValue().value())) {
                return false;
              }
              latenciesNanos.add(now - e.getValue().writtenNanos());
              return true;
            });
    if (forSecret.isEmpty()) {
      pending.remove(secret.getMetadata().getName());
    }
    notifyAll();
  }

  @Override
  public void close() {
    informer.close();
  }
}
