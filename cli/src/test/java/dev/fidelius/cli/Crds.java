package dev.fidelius.cli;

import dev.fidelius.operator.api.FideliusSecret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/** Installs the project's CRDs (crds/) into the test API server and waits until they are served. */
final class Crds {

  private Crds() {}

  static void install(KubernetesClient kube) throws IOException, InterruptedException {
    try (var files = Files.list(Path.of("..", "crds"))) {
      for (Path crd : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
        kube.resource(Files.readString(crd)).createOr(NonDeletingOperation::update);
      }
    }
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    while (true) {
      try {
        kube.resources(FideliusSecret.class).inNamespace("default").list();
        return;
      } catch (RuntimeException notYetServed) {
        if (Instant.now().isAfter(deadline)) {
          throw notYetServed;
        }
        Thread.sleep(200);
      }
    }
  }
}
