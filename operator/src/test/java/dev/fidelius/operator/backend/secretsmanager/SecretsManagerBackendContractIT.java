package dev.fidelius.operator.backend.secretsmanager;

import dev.fidelius.operator.aws.AwsCallCounter;
import dev.fidelius.operator.aws.AwsEndpoints;
import dev.fidelius.operator.backend.SecretBackend;
import dev.fidelius.operator.backend.SecretBackendContract;
import dev.fidelius.operator.backend.SecretId;
import dev.fidelius.operator.backend.ValueCache;
import dev.fidelius.operator.testsupport.AwsTestClients;
import dev.fidelius.operator.testsupport.MotoServer;
import dev.fidelius.operator.testsupport.TestServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The backend contract on moto's Secrets Manager, with the default store settings (full names,
 * AWSCURRENT).
 */
@ExtendWith(TestServers.class)
class SecretsManagerBackendContractIT extends SecretBackendContract {

  private static AwsTestClients clients;
  private static SecretsManagerBackend backend;
  private static MotoSecrets secrets;

  @BeforeAll
  static void start(MotoServer moto) {
    clients = new AwsTestClients();
    // Built the way the operator builds it from a store: region and endpoint from the store's
    // settings.
    SecretsManagerStoreConfig store =
        SecretsManagerStoreConfig.of(MotoServer.REGION, "contract-it")
            .withEndpoints(AwsEndpoints.all(moto.endpoint()));
    backend =
        SecretsManagerBackend.connect(
            store, clients.factory(), MotoServer.CREDENTIALS, new ValueCache(16 << 20));
    secrets = new MotoSecrets(clients.secretsManager(moto.endpoint()));
  }

  @AfterAll
  static void stop() {
    clients.close();
  }

  @Override
  protected SecretBackend backend() {
    return backend;
  }

  @Override
  protected AwsCallCounter counter() {
    return clients.counter();
  }

  @Override
  protected String write(SecretId id, String value) {
    return secrets.put(MotoSecrets.fullName(id), value);
  }
}
