package dev.fidelius.e2e.support;

import dev.fidelius.operator.testsupport.AwsTestClients;
import dev.fidelius.operator.testsupport.MotoServer;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The servers every fault scenario of this JVM shares, started on first use and stopped at JVM
 * exit: a real API server (restartable, with the CRDs from crds/ installed) and moto (Secrets
 * Manager, KMS, STS, IAM, DynamoDB) with the Fidelius default key {@code alias/credstash}.
 * Scenarios that stop a server start their own (see AwsFaultsIT); everything else lives here, each
 * scenario in its own namespace, application names and table.
 */
public final class E2eWorld {

  private static E2eWorld instance;

  private final Path workDir;
  private final RestartableApiServer apiServer;
  private final Path kubeconfig;
  private final KubernetesClient client;
  private final Cluster kube;
  private final MotoServer moto;
  private final AwsTestClients aws;
  private final List<AutoCloseable> closeAtExit = new ArrayList<>();

  private E2eWorld() throws IOException {
    workDir = Files.createDirectories(projectRoot().resolve("e2e/target/e2e-faults"));
    apiServer = RestartableApiServer.start(workDir.resolve("apiserver"));
    kubeconfig = apiServer.writeKubeconfig(workDir.resolve("kubeconfig"));
    client = apiServer.newClient();
    kube = new Cluster(client);
    kube.installCrds();
    moto = MotoServer.start();
    aws = new AwsTestClients();
    KmsClient kms = aws.kms(moto.endpoint());
    String key =
        kms.createKey(b -> b.description("Fidelius e2e default key")).keyMetadata().keyId();
    kms.createAlias(b -> b.aliasName("alias/credstash").targetKeyId(key));
  }

  /** The shared world, started on first call. */
  public static synchronized E2eWorld get() {
    if (instance == null) {
      try {
        instance = new E2eWorld();
      } catch (IOException e) {
        throw new IllegalStateException("could not prepare the e2e work directory", e);
      }
      Runtime.getRuntime().addShutdownHook(new Thread(instance::shutdown, "e2e-world-stop"));
    }
    return instance;
  }

  static Path projectRoot() {
    String root = System.getProperty("fidelius.project.root");
    return root != null
        ? Path.of(root).toAbsolutePath().normalize()
        : Path.of("..").toAbsolutePath().normalize();
  }

  public Path workDir(String scenario) {
    try {
      return Files.createDirectories(workDir.resolve(scenario));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public RestartableApiServer apiServer() {
    return apiServer;
  }

  public Path kubeconfig() {
    return kubeconfig;
  }

  public KubernetesClient client() {
    return client;
  }

  public Cluster kube() {
    return kube;
  }

  public Kubectl kubectl() {
    return new Kubectl(apiServer.kubectl(), kubeconfig);
  }

  public MotoServer moto() {
    return moto;
  }

  /** moto's DynamoDB; it stays up when a scenario stops a moto of its own. */
  public URI dynamoDb() {
    return moto.endpoint();
  }

  public AwsTestClients aws() {
    return aws;
  }

  public SecretsManagerClient secretsManager() {
    return aws.secretsManager(moto.endpoint());
  }

  public DynamoDbClient dynamoDbClient() {
    return aws.dynamoDb(moto.endpoint());
  }

  /** The real Fidelius SDK on the shared moto. */
  public FideliusSdk fideliusSdk() {
    return new FideliusSdk(moto.endpoint(), moto.endpoint());
  }

  /** An operator process with the chart's environment and IRSA, on this world's API server. */
  public OperatorProcess startOperator(
      String podName, ChartEnvironment chart, IrsaIdentity identity, Path dir) {
    var env = new java.util.LinkedHashMap<>(chart.toEnv());
    env.putAll(identity.toEnv());
    return OperatorProcess.launch(podName).env(env).kubeconfig(kubeconfig).workDir(dir).start();
  }

  /** Closes this at JVM exit, after the scenario's own cleanup had its chance. */
  public synchronized void closeAtExit(AutoCloseable c) {
    closeAtExit.add(c);
  }

  private synchronized void shutdown() {
    for (OperatorProcess p : OperatorProcess.allStarted()) {
      if (p.isAlive()) {
        p.kill();
      }
    }
    for (AutoCloseable c : closeAtExit) {
      quietly(c);
    }
    quietly(client);
    quietly(apiServer);
    quietly(moto);
    quietly(aws);
  }

  private static void quietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception e) {
      System.err.println("[e2e] could not stop " + c.getClass().getSimpleName() + ": " + e);
    }
  }
}
