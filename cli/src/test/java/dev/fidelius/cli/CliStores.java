package dev.fidelius.cli;

import dev.fidelius.operator.testsupport.AwsTestClients;
import dev.fidelius.operator.testsupport.FideliusTables;
import dev.fidelius.operator.testsupport.MotoServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * A Fidelius table and KMS key of its own in moto (DynamoDB, KMS, STS, Secrets Manager all on the
 * one server), and a config file naming two stores on it: {@code fid} (the Fidelius table) and
 * {@code sm} (Secrets Manager).
 */
final class CliStores implements AutoCloseable {

  final String table;
  final String keyAlias;
  final Path config;
  private final AwsTestClients clients = new AwsTestClients();

  CliStores(MotoServer moto, Path dir) {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    table = "cli-" + suffix;
    FideliusTables.create(clients.dynamoDb(moto.endpoint()), table);
    KmsClient kms = clients.kms(moto.endpoint());
    String keyId = kms.createKey(b -> b.description("cli test key")).keyMetadata().keyId();
    keyAlias = "alias/cli-" + suffix;
    kms.createAlias(b -> b.aliasName(keyAlias).targetKeyId(keyId));
    config = dir.resolve("config-" + suffix + ".yaml");
    try {
      Files.writeString(
          config,
          """
          defaultStore: fid
          stores:
            fid:
              provider: fidelius
              region: %s
              table: %s
              kmsKeyId: %s
              endpointUrl: %s
            sm:
              provider: secretsmanager
              region: %s
              endpointUrl: %s
          """
              .formatted(
                  MotoServer.REGION.id(),
                  table,
                  keyAlias,
                  moto.endpoint(),
                  MotoServer.REGION.id(),
                  moto.endpoint()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * An application name no other test uses, so tests sharing the table never see each other's
   * secrets.
   */
  static String freshApp() {
    return "App" + UUID.randomUUID().toString().substring(0, 8);
  }

  @Override
  public void close() {
    clients.close();
  }
}
