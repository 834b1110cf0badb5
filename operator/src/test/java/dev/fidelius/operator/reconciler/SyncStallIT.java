package dev.fidelius.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fidelius.operator.api.ApiGroup;
import dev.fidelius.operator.api.FideliusSecret;
import dev.fidelius.operator.config.OperatorConfig;
import dev.fidelius.operator.config.SyncTimeouts;
import dev.fidelius.operator.testsupport.AwsTestClients;
import dev.fidelius.operator.testsupport.KubeApiServer;
import dev.fidelius.operator.testsupport.MotoServer;
import dev.fidelius.operator.testsupport.TestServers;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The runtime protections against a real API server: a sync wedged on a backend that never answers
 * is abandoned at its time budget and reported as SyncTimeout, /healthz fails while nothing
 * completes and recovers when syncs complete again; and Secrets labelled as managed cost the
 * informer a digest, not their data.
 */
@ExtendWith(TestServers.class)
class SyncStallIT {

  private static final String NS = "stall-a";
  private static final Duration WAIT = Duration.ofSeconds(90);

  private static OperatorHarness operator;
  private static KubernetesClient kube;
  private static AwsTestClients aws;
  private static SecretsManagerClient sm;
  private static BlackHole blackHole;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void start(KubeApiServer server, MotoServer moto) throws IOException {
    aws = new AwsTestClients();
    sm = aws.secretsManager(moto.endpoint());
    blackHole = new BlackHole();
    // Only this class's namespace: FideliusSecrets other classes left on the shared API server
    // would complete
    // syncs and (rightly) keep liveness healthy.
    operator =
        new OperatorHarness(
                server,
                Map.of(
                    SyncTimeouts.SYNC_TIMEOUT,
                    "2s",
                    SyncTimeouts.LIVENESS_STALL_TIMEOUT,
                    "5s",
                    OperatorConfig.WATCH_NAMESPACES,
                    NS))
            .start();
    kube = operator.client();
    operator.namespace(NS, Map.of());
    apply(store("stall-moto", moto.endpoint().toString()));
    apply(store("stall-blackhole", "http://127.0.0.1:" + blackHole.port()));
  }

  @AfterAll
  static void stop() throws IOException {
    if (operator != null) {
      operator.close();
    }
    if (blackHole != null) {
      blackHole.release();
    }
    aws.close();
  }

  @Test
  void wedgedSyncsAreAbandonedAndFailLivenessUntilSyncsCompleteAgain() throws IOException {
    kube.resources(FideliusSecret.class).inNamespace(NS).delete(); // only wedged syncs from here on
    await(
        "no FideliusSecret left",
        () -> kube.resources(FideliusSecret.class).inNamespace(NS).list().getItems().isEmpty());
    await("healthy at start", () -> status("/healthz") == 200);
    for (String name : List.of("wedged-1", "wedged-2", "wedged-3")) {
      apply(fsec(name, "stall-blackhole", name));
    }
    for (String name : List.of("wedged-1", "wedged-2", "wedged-3")) {
      await(name + " reports SyncTimeout", () -> "SyncTimeout".equals(reason(name)));
      assertThat(ready(name).orElseThrow().getMessage())
          .contains("abandoned")
          .contains("not changed");
      assertThat(kube.secrets().inNamespace(NS).withName(name).get())
          .as("nothing written")
          .isNull();
    }
    await("liveness fails while nothing completes", () -> status("/healthz") == 503);
    assertThat(status("/readyz")).as("readiness unchanged").isEqualTo(200);
    assertThat(metric("fidelius_sync_abandoned_total")).isGreaterThanOrEqualTo(3);

    blackHole.release(); // the backend now refuses connections: syncs end quickly, with a failure
    await("liveness recovers once syncs complete", () -> status("/healthz") == 200);
    await("the resources left SyncTimeout", () -> !"SyncTimeout".equals(reason("wedged-1")));
    await("abandoned workers ended", () -> metric("fidelius_sync_abandoned_running") == 0);
  }

  @Test
  void labelledSecretsCostTheInformerDigestsNotDataAndHandEditsAreStillRepaired() {
    String name = "victim";
    sm.createSecret(b -> b.name("PAYMENTS.dev." + name).secretString("original"));
    apply(fsec(name, "stall-moto", name));
    await(name + " Ready", () -> ready(name).map(c -> "True".equals(c.getStatus())).orElse(false));

    long before = heapAfterGc();
    int count = 40;
    String mebibyte =
        Base64.getEncoder().encodeToString(new byte[768 * 1024]); // 1 MiB once encoded
    for (int i = 0; i < count; i++) {
      kube.secrets()
          .inNamespace(NS)
          .resource(
              new SecretBuilder()
                  .withNewMetadata()
                  .withName("bulk-" + i)
                  .withNamespace(NS)
                  .addToLabels(ApiGroup.MANAGED_BY_LABEL, ApiGroup.MANAGED_BY_VALUE)
                  .addToLabels(ApiGroup.SOURCE_LABEL, "nobody-" + i)
                  .endMetadata()
                  .addToData("blob", mebibyte)
                  .build())
          .create();
    }
    // The informer sees events in order: once it has seen this edit (and the operator repaired it),
    // it has
    // cached the labelled Secrets created before.
    kube.secrets()
        .inNamespace(NS)
        .withName(name)
        .edit(
            s -> {
              s.getData()
                  .put(
                      name,
                      Base64.getEncoder()
                          .encodeToString("tampered".getBytes(StandardCharsets.UTF_8)));
              return s;
            });
    await(
        "hand edit reverted",
        () -> "original".equals(value(kube.secrets().inNamespace(NS).withName(name).get(), name)));
    long after = heapAfterGc();
    long grownMiB = (after - before) / (1024 * 1024);
    System.out.printf(
        "[figure] heap grew %d MiB with %d labelled 1 MiB Secrets cached (%d MiB of data)%n",
        grownMiB, count, count);
    assertThat(grownMiB)
        .as("heap growth with %d MiB of labelled Secrets", count)
        .isLessThan(count / 4);
    for (int i = 0; i < count; i++) {
      kube.secrets().inNamespace(NS).withName("bulk-" + i).delete();
    }
  }

  @Test
  void aManagedSecretWhoseMetadataOutgrowsTheCachedViewIsStillRepaired() {
    String name = "victim-annotated";
    sm.createSecret(b -> b.name("PAYMENTS.dev." + name).secretString("original"));
    apply(fsec(name, "stall-moto", name));
    await(name + " Ready", () -> ready(name).map(c -> "True".equals(c.getStatus())).orElse(false));

    // 20 KiB of annotations: the informer keeps only the operator's own metadata, and the writer
    // reads the rest.
    kube.secrets()
        .inNamespace(NS)
        .withName(name)
        .edit(
            s -> {
              s.getMetadata().getAnnotations().put("tenant.example/blob", "b".repeat(20 * 1024));
              s.getData()
                  .put(
                      name,
                      Base64.getEncoder()
                          .encodeToString("tampered".getBytes(StandardCharsets.UTF_8)));
              return s;
            });
    await(
        "hand edit reverted",
        () -> "original".equals(value(kube.secrets().inNamespace(NS).withName(name).get(), name)));
    assertThat(kube.secrets().inNamespace(NS).withName(name).get().getMetadata().getAnnotations())
        .as("the tenant's annotation is left alone")
        .containsKey("tenant.example/blob");
  }

  // ---------------------------------------------------------------------------------------------------------

  private static long heapAfterGc() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  private static String store(String name, String endpoint) {
    return """
        apiVersion: fidelius.dev/v1alpha1
        kind: ClusterFideliusStore
        metadata: {name: %s}
        spec:
          provider:
            secretsManager: {region: us-east-1}
          endpoints: {secretsManager: "%s", sts: "%s"}
          access:
            rules:
            - {namespaces: [%s], applications: ["*"], sdlcs: [dev]}
        """
        .formatted(name, endpoint, endpoint, NS);
  }

  private static String fsec(String name, String store, String secretName) {
    return """
        apiVersion: fidelius.dev/v1alpha1
        kind: FideliusSecret
        metadata: {name: %s, namespace: %s}
        spec:
          storeRef: {name: %s, kind: ClusterFideliusStore}
          application: PAYMENTS
          sdlc: dev
          refreshInterval: 1h
          data: [{name: %s}]
        """
        .formatted(name, NS, store, secretName);
  }

  private static void apply(String yaml) {
    kube.resource((HasMetadata) Serialization.unmarshal(yaml)).serverSideApply();
  }

  private static Optional<Condition> ready(String name) {
    FideliusSecret f = kube.resources(FideliusSecret.class).inNamespace(NS).withName(name).get();
    if (f == null || f.getStatus() == null || f.getStatus().getConditions() == null) {
      return Optional.empty();
    }
    return f.getStatus().getConditions().stream()
        .filter(c -> "Ready".equals(c.getType()))
        .findFirst();
  }

  private static String reason(String name) {
    return ready(name).map(Condition::getReason).orElse(null);
  }

  private static String value(Secret secret, String key) {
    String encoded = secret == null || secret.getData() == null ? null : secret.getData().get(key);
    return encoded == null
        ? null
        : new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
  }

  private static int status(String path) {
    try {
      return HTTP.send(
              HttpRequest.newBuilder(
                      URI.create("http://127.0.0.1:" + operator.runtime().httpPort() + path))
                  .timeout(Duration.ofSeconds(5))
                  .build(),
              HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static double metric(String name) {
    return operator
        .runtime()
        .metrics()
        .scrape()
        .lines()
        .filter(l -> l.startsWith(name + " "))
        .mapToDouble(l -> Double.parseDouble(l.substring(name.length() + 1).trim()))
        .findFirst()
        .orElse(-1);
  }

  private static void await(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      try {
        if (condition.getAsBoolean()) {
          return;
        }
      } catch (RuntimeException notYet) {
        // the resource may not exist yet
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted", e);
      }
    }
    throw new AssertionError("timed out waiting for " + what);
  }

  /**
   * A TCP endpoint that accepts connections and never answers, as a backend behind a broken network
   * path does: the test's seam for wedging syncs. {@link #release()} closes every connection and
   * the port, so requests fail at once.
   */
  static final class BlackHole {
    private final ServerSocket server = new ServerSocket(0);
    private final List<Socket> held = new CopyOnWriteArrayList<>();

    BlackHole() throws IOException {
      Thread acceptor =
          new Thread(
              () -> {
                while (!server.isClosed()) {
                  try {
                    held.add(server.accept());
                  } catch (IOException closed) {
                    return;
                  }
                }
              },
              "black-hole");
      acceptor.setDaemon(true);
      acceptor.start();
    }

    int port() {
      return server.getLocalPort();
    }

    void release() throws IOException {
      server.close();
      for (Socket s : held) {
        s.close();
      }
    }
  }
}
