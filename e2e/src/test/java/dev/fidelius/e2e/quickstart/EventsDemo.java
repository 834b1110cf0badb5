package dev.fidelius.e2e.quickstart;

import dev.fidelius.e2e.support.Cluster;
import dev.fidelius.operator.api.ClusterFideliusStore;
import dev.fidelius.writer.fidelius.FideliusWriter;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * The quickstart's change-events demo: a FideliusSecret that refreshes only hourly follows a
 * rotation in the Fidelius store within a second or two, because the operator tails the table's
 * DynamoDB stream. Prints how long the rotation took to reach the Secret, never a value.
 */
final class EventsDemo {

  static final String NAMESPACE = "payments-dev";
  static final String NAME = "rotation-demo";
  private static final String STORE = "fidelius";
  private static final Duration WAIT = Duration.ofSeconds(60);

  private EventsDemo() {}

  static void run(Path adminKubeconfig, URI endpoint) {
    try (KubernetesClient client =
            new KubernetesClientBuilder()
                .withConfig(Config.fromKubeconfig(Files.readString(adminKubeconfig)))
                .build();
        DemoAccounts accounts = new DemoAccounts(endpoint)) {
      Cluster cluster = new Cluster(client);
      FideliusWriter fidelius = accounts.operatorAccount().fidelius();
      String first = "rotation-demo-" + System.nanoTime();
      DemoAccounts.write(fidelius, DemoData.ROTATION_DEMO, first);
      cluster.apply(fideliusSecret());
      await("FideliusSecret " + NAME + " synced", () -> holds(cluster, first));
      await("store " + STORE + " hears change events", () -> eventsLive(client));

      String rotated = "rotation-demo-" + System.nanoTime();
      long started = System.nanoTime();
      DemoAccounts.write(fidelius, DemoData.ROTATION_DEMO, rotated);
      await("the rotation to reach Secret " + NAME, () -> holds(cluster, rotated));
      double seconds = (System.nanoTime() - started) / 1e9;
      System.out.printf(
          Locale.ROOT,
          "rotated %s in the Fidelius store: Secret %s/%s held the new version %.1f s later"
              + " (refreshInterval 1h: the table's DynamoDB stream told the operator)%n",
          DemoData.fideliusName(DemoData.ROTATION_DEMO),
          NAMESPACE,
          NAME,
          seconds);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String fideliusSecret() {
    return """
        apiVersion: fidelius.dev/v1alpha1
        kind: FideliusSecret
        metadata: {name: %s, namespace: %s}
        spec:
          storeRef: {name: %s, kind: ClusterFideliusStore}
          application: PAYMENTS
          component: backend
          sdlc: dev
          refreshInterval: 1h
          data:
          - {name: %s, key: value}
        """
        .formatted(NAME, NAMESPACE, STORE, DemoData.ROTATION_DEMO.name());
  }

  private static boolean holds(Cluster cluster, String value) {
    return Objects.equals(value, cluster.value(NAMESPACE, NAME, "value"));
  }

  private static boolean eventsLive(KubernetesClient client) {
    ClusterFideliusStore store = client.resources(ClusterFideliusStore.class).withName(STORE).get();
    return store != null
        && store.getStatus() != null
        && store.getStatus().getConditions() != null
        && store.getStatus().getConditions().stream()
            .anyMatch(c -> "ChangeEvents".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  private static void await(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      try {
        if (condition.getAsBoolean()) {
          return;
        }
      } catch (RuntimeException notYet) {
        // not there yet
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted waiting for " + what, e);
      }
    }
    throw new IllegalStateException(
        "timed out after " + WAIT.toSeconds() + " s waiting for " + what);
  }
}
