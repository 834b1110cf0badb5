package dev.fidelius.operator.reconciler;

import dev.fidelius.operator.OperatorRuntime;
import dev.fidelius.operator.api.CrdManifests;
import dev.fidelius.operator.config.OperatorConfig;
import dev.fidelius.operator.testsupport.KubeApiServer;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The operator running in-process against the real API server, with its CRDs installed from crds/
 * and AWS credentials for the emulators given the way the SDK default chain reads them (system
 * properties).
 */
public final class OperatorHarness implements AutoCloseable {

  private final KubernetesClient client;
  private final OperatorConfig config;
  private OperatorRuntime runtime;

  public OperatorHarness(KubeApiServer server, Map<String, String> env) {
    this(server.newClient(), env);
  }

  /** The operator on {@code client}, which it uses for every API request. */
  public OperatorHarness(KubernetesClient client, Map<String, String> env) {
    System.setProperty("aws.accessKeyId", "testing");
    System.setProperty("aws.secretAccessKey", "testing");
    System.setProperty("aws.region", "us-east-1");
    this.client = client;
    installCrds(client);
    this.config =
        OperatorConfig.fromEnvironment(env)
            .withHttpPort(0)
            .withMinRefreshInterval(Duration.ofMillis(500));
  }

  public static void installCrds(KubernetesClient client) {
    for (var crd : CrdManifests.load()) {
      client.apiextensions().v1().customResourceDefinitions().resource(crd).serverSideApply();
      client
          .apiextensions()
          .v1()
          .customResourceDefinitions()
          .withName(crd.getMetadata().getName())
          .waitUntilCondition(
              c ->
                  c != null
                      && c.getStatus() != null
                      && c.getStatus().getConditions() != null
                      && c.getStatus().getConditions().stream()
                          .anyMatch(
                              cond ->
                                  "Established".equals(cond.getType())
                                      && "True".equals(cond.getStatus())),
              30,
              TimeUnit.SECONDS);
    }
  }

  public OperatorHarness start() {
    try {
      runtime = OperatorRuntime.start(client, config);
    } catch (Exception e) {
      throw new IllegalStateException("operator did not start", e);
    }
    return this;
  }

  public void stop() {
    if (runtime != null) {
      runtime.close();
      runtime = null;
    }
  }

  public OperatorRuntime runtime() {
    return runtime;
  }

  public KubernetesClient client() {
    return client;
  }

  public void namespace(String name, Map<String, String> labels) {
    client
        .namespaces()
        .resource(
            new NamespaceBuilder()
                .withNewMetadata()
                .withName(name)
                .withLabels(labels)
                .endMetadata()
                .build())
        .serverSideApply();
  }

  @Override
  public void close() {
    stop();
    client.close();
  }
}
