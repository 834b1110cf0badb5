package dev.fidelius.operator.backend.fidelius;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fidelius.operator.aws.AwsCallCounter;
import dev.fidelius.operator.aws.AwsEndpoints;
import dev.fidelius.operator.backend.Outcome;
import dev.fidelius.operator.backend.SecretId;
import dev.fidelius.operator.backend.SecretRequest;
import dev.fidelius.operator.backend.SecretValue;
import dev.fidelius.operator.backend.ValueCache;
import dev.fidelius.operator.testsupport.AwsTestClients;
import dev.fidelius.operator.testsupport.FideliusSdk;
import dev.fidelius.operator.testsupport.FideliusTables;
import dev.fidelius.operator.testsupport.MotoServer;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * A Fidelius store of its own for one integration-test class: a fresh table and a fresh KMS key
 * (with an alias), both in moto, so classes sharing the emulators never see each other's data.
 * Clients are the operator's own, with the call counter installed. Secrets are seeded through the
 * real Fidelius SDK (the operator has no writer; the fidelius-writer module tests its own against
 * this store).
 */
public final class FideliusTestStore implements AutoCloseable {

  private final AwsTestClients clients = new AwsTestClients();
  private final DynamoDbClient dynamo;
  private final KmsClient kms;
  private final FideliusStoreConfig config;
  private final String keyId;
  private final FideliusSdk sdk;

  private FideliusTestStore(MotoServer moto, String purpose, String alias) {
    this.dynamo = clients.dynamoDb(moto.endpoint());
    this.kms = clients.kms(moto.endpoint());
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    String table = "fidelius-" + purpose + "-" + suffix;
    FideliusTables.create(dynamo, table);
    this.keyId =
        kms.createKey(b -> b.description("Fidelius " + purpose + " test key"))
            .keyMetadata()
            .keyId();
    String keyAlias = alias != null ? alias : "alias/fidelius-" + purpose + "-" + suffix;
    kms.createAlias(b -> b.aliasName(keyAlias).targetKeyId(keyId));
    this.config =
        FideliusStoreConfig.defaults(MotoServer.REGION, "it-" + table)
            .withTable(table)
            .withKmsKeyId(keyAlias)
            .withEndpoints(AwsEndpoints.all(moto.endpoint()));
    this.sdk = new FideliusSdk(moto.endpoint(), moto.endpoint());
  }

  /** A store with its own table and key, the key reachable under a unique alias. */
  public static FideliusTestStore create(MotoServer moto, String purpose) {
    return new FideliusTestStore(moto, purpose, null);
  }

  /** A store whose key has the given alias (which must not exist yet in moto). */
  public static FideliusTestStore createWithAlias(MotoServer moto, String purpose, String alias) {
    return new FideliusTestStore(moto, purpose, alias);
  }

  public FideliusStoreConfig config() {
    return config;
  }

  public String table() {
    return config.table();
  }

  public String keyId() {
    return keyId;
  }

  public DynamoDbClient dynamo() {
    return dynamo;
  }

  public KmsClient kms() {
    return kms;
  }

  public AwsCallCounter counter() {
    return clients.counter();
  }

  public AwsTestClients clients() {
    return clients;
  }

  public FideliusReader reader() {
    return new FideliusReader(dynamo, kms, config, new ValueCache(64L << 20));
  }

  public FideliusReader reader(FideliusStoreConfig otherConfig) {
    return new FideliusReader(dynamo, kms, otherConfig, new ValueCache(64L << 20));
  }

  /** A reader that never scans, to compare the two change-detection strategies. */
  public FideliusReader queryingReader() {
    FideliusTable table = new DynamoDbFideliusTable(dynamo, config.table());
    VersionLookupPlanner neverScans =
        new VersionLookupPlanner(Clock.systemUTC()) {
          @Override
          OptionalLong scanBudget(int queries) {
            return OptionalLong.empty();
          }
        };
    return new FideliusReader(
        table, new KmsDataKeys(kms), config, new ValueCache(64L << 20), neverScans);
  }

  /** The real Fidelius SDK on this store's emulators. */
  public FideliusSdk sdk() {
    return sdk;
  }

  /**
   * Writes a new version with the Fidelius SDK (under this store's key) and returns its id as the
   * reader sees it, failing the test on any error.
   */
  public String write(SecretId id, String value) {
    sdk.put(id, value, config.table(), config.kmsKeyId());
    SecretRequest latest = SecretRequest.latest(id);
    // No fallback: the version must be the one just written under exactly this scope.
    Outcome<SecretValue> read =
        reader(config.withComponentFallback(false)).read(List.of(latest)).get(latest);
    assertThat(read.isOk()).as("reading back %s: %s", id, read).isTrue();
    return read.value().version();
  }

  public Map<String, AttributeValue> rawItem(String fullName, String paddedVersion) {
    return dynamo
        .getItem(
            b ->
                b.tableName(config.table())
                    .consistentRead(true)
                    .key(
                        Map.of(
                            "name",
                            AttributeValue.fromS(fullName),
                            "version",
                            AttributeValue.fromS(paddedVersion))))
        .item();
  }

  public void putRaw(Map<String, AttributeValue> item) {
    dynamo.putItem(b -> b.tableName(config.table()).item(item));
  }

  @Override
  public void close() {
    clients.close();
  }
}
