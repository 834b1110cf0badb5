package dev.fidelius.operator;

import dev.fidelius.operator.config.OperatorConfig;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code java -jar fidelius-operator.jar}: reads the environment, starts the operator, runs until
 * stopped.
 */
public final class Main {

  private Main() {}

  public static void main(String[] args) throws Exception {
    CommonPoolParallelism.ensure();
    OperatorConfig config;
    try {
      config = OperatorConfig.fromEnvironment(System.getenv());
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    Logger log = LoggerFactory.getLogger(Main.class);
    KubernetesClient client = OperatorKubernetesClient.build();
    OperatorRuntime runtime;
    try {
      runtime = OperatorRuntime.start(client, config);
    } catch (Exception e) {
      // Informer and HTTP threads are already running and would keep a half-started process alive,
      // not ready
      // yet passing liveness: exit, so that the pod restarts and shows the failure.
      log.error("the operator could not start: {}", e.getMessage(), e);
      System.exit(1);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  log.info("stopping");
                  try {
                    runtime.close();
                  } finally {
                    client.close();
                    stopped.countDown();
                  }
                },
                "fidelius-shutdown"));
    stopped.await();
  }
}
