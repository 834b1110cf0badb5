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
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.PutSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.ResourceExistsException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/**
 * The real servers of one benchmark run and the clients that write the data: a kube-apiserver with
 * etcd, moto_server (Secrets Manager, KMS, DynamoDB with Streams, SSM, S3, SQS), one Fidelius table
 * with a KEYS_ONLY stream, one versioned bucket, one KMS key, and one ClusterFideliusStore per
 * backend admitting every {@code bench-*} namespace. The polling stores turn change events off (the
 * table's stream is for the event runs' stores). The writing clients count their own calls, apart
 * from the operator's.
 */
final class BenchEnvironment implements AutoCloseable {

  static final String TABLE = "credential-store";
  static final String BUCKET = "fidelius-bench";
  static final String NAMESPACE_PREFIX = "bench-";

  final KubeApiServer kube;
  final MotoServer moto;
  final KubernetesClient client;
  final AwsTestClients aws;
  final SecretsManagerClient sm;
  final DynamoDbClient ddb;
  final KmsClient kms;
  final SsmClient ssm;
  final S3Client s3;
  final SqsClient sqs;
  final String kmsKeyId;
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
    this.ssm = aws.factory().ssm(MotoServer.REGION, MotoServer.CREDENTIALS, motoEndpoint(moto));
    this.s3 = aws.factory().s3(MotoServer.REGION, MotoServer.CREDENTIALS, motoEndpoint(moto));
    this.sqs = aws.factory().sqs(MotoServer.REGION, MotoServer.CREDENTIALS, motoEndpoint(moto));
    FideliusTables.create(ddb, TABLE);
    ddb.updateTable(
        b ->
            b.tableName(TABLE)
                .streamSpecification(
                    s -> s.streamEnabled(true).streamViewType(StreamViewType.KEYS_ONLY)));
    s3.createBucket(b -> b.bucket(BUCKET));
    s3.putBucketVersioning(
        b ->
            b.bucket(BUCKET)
                .versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
    String keyId = kms.createKey(b -> b.description("fidelius benchmark")).keyMetadata().keyId();
    this.kmsKeyId = keyId;
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

  private static java.util.Optional<java.net.URI> motoEndpoint(MotoServer moto) {
    return java.util.Optional.of(moto.endpoint());
  }

  /** A polling store: change events off (the Fidelius table has a stream for the event runs). */
  private String storeYaml(Backend backend) {
    return storeYaml(storeName(backend), backend, "{enabled: false}");
  }

  /**
   * A store of the backend named {@code name}, with the given {@code spec.changeEvents} (YAML flow
   * map).
   */
  String storeYaml(String name, Backend backend, String changeEvents) {
    return storeYaml(name, backend, changeEvents, moto.endpoint());
  }

  /** As above, with every AWS endpoint at {@code endpoint} (a fault proxy in front of moto). */
  String storeYaml(String name, Backend backend, String changeEvents, java.net.URI endpoint) {
    String e = endpoint.toString();
    String provider =
        switch (backend) {
          case FIDELIUS -> "dynamodb: {table: %s, region: us-east-1}".formatted(TABLE);
          case SECRETS_MANAGER -> "secretsManager: {region: us-east-1}";
          case PARAMETER_STORE -> "parameterStore: {region: us-east-1}";
          case S3 ->
              "s3: {bucket: %s, region: us-east-1, encryption: KmsEnvelope}".formatted(BUCKET);
        };
    return """
        apiVersion: fidelius.dev/v1alpha1
        kind: ClusterFideliusStore
        metadata: {name: %s}
        spec:
          provider:
            %s
          endpoints: {dynamodb: "%5$s", kms: "%5$s", sts: "%5$s", secretsManager: "%5$s", ssm: "%5$s", s3: "%5$s"}
          changeEvents: %s
          access:
            rules:
            - {namespaces: ["%s*"], applications: ["*"], sdlcs: [dev]}
        """
        .formatted(name, provider, changeEvents, NAMESPACE_PREFIX, e);
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
    parallel(keys, key -> writeRetryingServerErrors(backend, key, dataset.initialValue(key), true));
    seededSecrets.put(backend, n);
  }

  /**
   * Seeding writes tens of thousands of items into one moto process, which answers 500 when two
   * writes race inside it: its Secrets Manager checks whether a name exists by iterating every
   * secret without a lock, and at 20,000 secrets one CreateSecret in twelve met another one's
   * insert (1,602 in one seeding) and a name failed five times in a row. So each retry first waits
   * a little longer, with jitter, to leave the racing writer behind.
   */
  private void writeRetryingServerErrors(
      Backend backend, Dataset.Key key, String value, boolean firstVersion) {
    for (int attempt = 1; ; attempt++) {
      try {
        write(backend, key, value, firstVersion);
        return;
      } catch (SdkServiceException e) {
        if (e.statusCode() < 500 || attempt >= SEED_ATTEMPTS) {
          throw e;
        }
      }
      try {
        Thread.sleep(ThreadLocalRandom.current().nextLong(10, 20L * attempt));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while seeding", e);
      }
    }
  }

  private static final int SEED_ATTEMPTS = 20;

  /**
   * Writes a new version of a key, as an application team rotating it would, with each store's own
   * API: the Fidelius writer (KMS data key, DynamoDB item), Secrets Manager CreateSecret or
   * PutSecretValue, Parameter Store PutParameter of a SecureString under the benchmark's KMS key,
   * and for S3 a KMS Encrypt whose ciphertext blob is the body of a PutObject.
   */
  void write(Backend backend, Dataset.Key key, String value) {
    write(backend, key, value, false);
  }

  /**
   * @param firstVersion the key is expected to be new (seeding): the Fidelius writer then claims
   *     version 1 without first querying the newest version, which on moto scans the whole table
   *     (seeding 10,000 keys took 30 minutes that way); the items written are the same
   */
  private void write(Backend backend, Dataset.Key key, String value, boolean firstVersion) {
    switch (backend) {
      case FIDELIUS -> {
        var written =
            firstVersion ? fidelius.putNew(key.id(), value) : fidelius.put(key.id(), value);
        if (!written.isOk()) {
          throw new IllegalStateException(
              "could not write " + key.fullName() + ": " + written.error());
        }
      }
      case SECRETS_MANAGER -> {
        if (seededSecrets.get(backend) > key.secret()) {
          putSecretValue(key, value);
        } else {
          try {
            sm.createSecret(b -> b.name(key.fullName()).secretString(value));
          } catch (ResourceExistsException e) {
            putSecretValue(key, value); // seeding resumed after a run that stopped half way
          }
        }
      }
      case PARAMETER_STORE ->
          ssm.putParameter(
              b ->
                  b.name(key.parameterName())
                      .value(value)
                      .type(ParameterType.SECURE_STRING)
                      .keyId(kmsKeyId)
                      .overwrite(true));
      case S3 -> {
        SdkBytes blob =
            kms.encrypt(b -> b.keyId(kmsKeyId).plaintext(SdkBytes.fromUtf8String(value)))
                .ciphertextBlob();
        s3.putObject(
            b -> b.bucket(BUCKET).key(key.objectKey()), RequestBody.fromBytes(blob.asByteArray()));
      }
    }
  }

  /** A new Secrets Manager version of a key that exists; the response names its ARN and version. */
  PutSecretValueResponse putSecretValue(Dataset.Key key, String value) {
    return sm.putSecretValue(b -> b.secretId(key.fullName()).secretString(value));
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
