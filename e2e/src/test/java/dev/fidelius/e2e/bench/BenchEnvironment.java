package dev.fidelius.e2e.bench;

import dev.fidelius.operator.aws.AwsEndpoints;
import dev.fidelius.operator.backend.fidelius.FideliusStoreConfig;
import dev.fidelius.operator.reconciler.OperatorHarness;
import dev.fidelius.operator.testsupport.AwsTestClients;
import dev.fidelius.operator.testsupport.FideliusTables;
import dev.fidelius.operator.testsupport.KubeApiServer;
import dev.fidelius.operator.testsupport.MotoServer;
import dev.fidelius.writer.fidelius.FideliusWriter;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The real servers of one benchmark run and the clients that write the data: a kube-apiserver with
 * etcd, moto_server (Secrets Manager, KMS, DynamoDB), one Fidelius table, one KMS key, and one
 * ClusterFideliusStore per backend admitting every {@code bench-*} namespace. The writing clients
 * count their own calls, apart from the operator's.
 */
final class BenchEnvironment implements AutoCloseable {

  static final String TABLE = "credential-store";
  static final String NAMESPACE_PREFIX = "bench-";

  final KubeApiServer kube;
  final MotoServer moto;
  final KubernetesClient client;
  final AwsTestClients aws;
  final SecretsManagerClient sm;
  final DynamoDbClient ddb;
  final KmsClient kms;
  final FideliusWriter fidelius;
  private final Dataset dataset;
  private final int concurrency;
  private final Map<Backend, Integer> seededSecrets = new EnumMap<>(Backend.class);
  private final java.util.concurrent.atomic.AtomicBoolean closed =
      new java.util.concurrent.atomic.AtomicBoolean();

  /**
   * Stops the servers if the JVM is killed first (Ctrl-C on the benchmark), so no child process
   * outlives it.
   */
  private final Thread shutdownHook = new Thread(this::stopServers, "stop-benchmark-servers");

  private BenchEnvironment(KubeApiServer kube, MotoServer moto, Dataset dataset, int concurrency) {
    this.kube = kube;
    this.moto = moto;
    this.dataset = dataset;
    this.concurrency = concurrency;
    this.client = kube.newClient();
    this.aws = new AwsTestClients();
    this.sm = aws.secretsManager(moto.endpoint());
    this.ddb = aws.dynamoDb(moto.endpoint());
    this.kms = aws.kms(moto.endpoint());
    FideliusTables.create(ddb, TABLE);
    String keyId = kms.createKey(b -> b.description("fidelius benchmark")).keyMetadata().keyId();
    this.fidelius =
        new FideliusWriter(
            ddb,
            kms,
            FideliusStoreConfig.defaults(MotoServer.REGION, "bench-writer")
                .withTable(TABLE)
                .withKmsKeyId(keyId)
                .withEndpoints(AwsEndpoints.all(moto.endpoint())),
            "bench-writer");
    OperatorHarness.installCrds(client);
    for (Backend backend : Backend.values()) {
      client.resource(storeYaml(backend)).serverSideApply();
      seededSecrets.put(backend, 0);
    }
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  static BenchEnvironment start(Dataset dataset, int concurrency) {
    KubeApiServer kube = KubeApiServer.start();
    MotoServer moto =
        MotoServer.start(); // (a failure here leaves the API server to kube-api-test's own hook)
    try {
      return new BenchEnvironment(kube, moto, dataset, concurrency);
    } catch (RuntimeException e) {
      moto.close();
      kube.close();
      throw e;
    }
  }

  static String storeName(Backend backend) {
    return "bench-" + backend.id();
  }

  private String storeYaml(Backend backend) {
    String provider =
        backend == Backend.FIDELIUS
            ? "dynamodb: {table: %s, region: us-east-1}".formatted(TABLE)
            : "secretsManager: {region: us-east-1}";
    String endpoints =
        backend == Backend.FIDELIUS
            ? "{dynamodb: \"%s\", kms: \"%s\", sts: \"%s\"}"
                .formatted(moto.endpoint(), moto.endpoint(), moto.endpoint())
            : "{secretsManager: \"%s\", sts: \"%s\"}".formatted(moto.endpoint(), moto.endpoint());
    return """
        apiVersion: fidelius.dev/v1alpha1
        kind: ClusterFideliusStore
        metadata: {name: %s}
        spec:
          provider:
            %s
          endpoints: %s
          access:
            rules:
            - {namespaces: ["%s*"], applications: ["*"], sdlcs: [dev]}
        """
        .formatted(storeName(backend), provider, endpoints, NAMESPACE_PREFIX);
  }

  String namespace(String name) {
    String ns = NAMESPACE_PREFIX + name;
    client
        .namespaces()
        .resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build())
        .serverSideApply();
    return ns;
  }

  /** Writes the first version of every key of FideliusSecrets below {@code n} not written yet. */
  void seed(Backend backend, int n) {
    int from = seededSecrets.get(backend);
    if (from >= n) {
      return;
    }
    List<Dataset.Key> keys = dataset.keys(from, n);
    parallel(keys, key -> write(backend, key, dataset.initialValue(key)));
    seededSecrets.put(backend, n);
  }

  /** Writes a new version of a key, as an application team rotating it would. */
  void write(Backend backend, Dataset.Key key, String value) {
    if (backend == Backend.FIDELIUS) {
      var written = fidelius.put(key.id(), value);
      if (!written.isOk()) {
        throw new IllegalStateException(
            "could not write " + key.fullName() + ": " + written.error());
      }
    } else if (seededSecrets.get(backend) > key.secret()) {
      sm.putSecretValue(b -> b.secretId(key.fullName()).secretString(value));
    } else {
      sm.createSecret(b -> b.name(key.fullName()).secretString(value));
    }
  }

  /**
   * Runs the action on every item with the configured number of threads; rethrows the first
   * failure.
   */
  <T> void parallel(List<T> items, Consumer<T> action) {
    ExecutorService pool = Executors.newFixedThreadPool(concurrency);
    try {
      List<Future<?>> futures = new ArrayList<>();
      int chunk = Math.max(1, (items.size() + concurrency - 1) / concurrency);
      for (int from = 0; from < items.size(); from += chunk) {
        List<T> part = items.subList(from, Math.min(items.size(), from + chunk));
        futures.add(pool.submit(() -> part.forEach(action)));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  @Override
  public void close() {
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException shuttingDown) {
      return; // the hook stops the servers
    }
    stopServers();
  }

  private void stopServers() {
    if (closed.compareAndSet(false, true)) {
      client.close();
      aws.close();
      moto.close();
      kube.close();
    }
  }
}
