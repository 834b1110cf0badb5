package dev.fidelius.e2e.bench;

import dev.fidelius.operator.api.FideliusSecret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * Counts the FideliusSecrets of a namespace whose Ready condition is True for their current
 * generation.
 */
final class ReadyWatch implements AutoCloseable {

  private final SharedIndexInformer<FideliusSecret> informer;
  private final Set<String> ready = new HashSet<>();
  private long lastChangeNanos = System.nanoTime();

  ReadyWatch(KubernetesClient client, String namespace) {
    informer =
        client
            .resources(FideliusSecret.class)
            .inNamespace(namespace)
            .inform(
                new ResourceEventHandler<>() {
                  @Override
                  public void onAdd(FideliusSecret fsec) {
                    seen(fsec);
                  }

                  @Override
                  public void onUpdate(FideliusSecret before, FideliusSecret after) {
                    seen(after);
                  }

                  @Override
                  public void onDelete(FideliusSecret fsec, boolean unknownFinalState) {}
                },
                0);
  }

  static boolean isReady(FideliusSecret fsec) {
    var status = fsec.getStatus();
    return status != null
        && status.getConditions() != null
        && Objects.equals(status.getObservedGeneration(), fsec.getMetadata().getGeneration())
        && status.getConditions().stream()
            .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  private synchronized void seen(FideliusSecret fsec) {
    boolean changed =
        isReady(fsec)
            ? ready.add(fsec.getMetadata().getName())
            : ready.remove(fsec.getMetadata().getName());
    if (changed) {
      lastChangeNanos = System.nanoTime();
      notifyAll();
    }
  }

  synchronized int ready() {
    return ready.size();
  }

  /**
   * Waits until {@code n} are Ready and returns {@link System#nanoTime()} of the event that made it
   * so; throws on timeout, saying how far it got.
   */
  synchronized long awaitReady(int n, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (ready.size() < n) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new IllegalStateException(
            "only "
                + ready.size()
                + " of "
                + n
                + " FideliusSecrets became Ready within "
                + timeout.toSeconds()
                + " s");
      }
      wait(Math.max(1, left / 1_000_000));
    }
    return lastChangeNanos;
  }

  @Override
  public void close() {
    informer.close();
  }
}
