package dev.fidelius.operator.backend.parameterstore;

import dev.fidelius.operator.aws.AwsCallCounter;
import dev.fidelius.operator.aws.AwsEndpoints;
import dev.fidelius.operator.backend.SecretBackend;
import dev.fidelius.operator.backend.SecretBackendContract;
import dev.fidelius.operator.backend.SecretId;
import dev.fidelius.operator.backend.ValueCache;
import dev.fidelius.operator.testsupport.AwsTestClients;
import dev.fidelius.operator.testsupport.MotoServer;
import dev.fidelius.operator.testsupport.TestServers;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;

/** The backend contract on moto's Parameter Store, under a prefix as most installations use one. */
@ExtendWith(TestServers.class)
class ParameterStoreBackendContractIT extends SecretBackendContract {

  private static final String PREFIX = "/contract";

  private static AwsTestClients clients;
  private static AwsTestClients writer;
  private static ParameterStoreBackend backend;
  private static MotoParameters parameters;

  @BeforeAll
  static void start(MotoServer moto) {
    clients = new AwsTestClients();
    writer = new AwsTestClients();
    ParameterStoreConfig store =
        ParameterStoreConfig.of(MotoServer.REGION, "ps-contract-it")
            .withPrefix(PREFIX + "/")
            .withEndpoints(AwsEndpoints.all(moto.endpoint()));
    backend =
        ParameterStoreBackend.connect(
            store, clients.factory(), MotoServer.CREDENTIALS, new ValueCache(16 << 20));
    parameters =
        new MotoParameters(
            writer
                .factory()
                .ssm(MotoServer.REGION, MotoServer.CREDENTIALS, Optional.of(moto.endpoint())));
  }

  @AfterAll
  static void stop() {
    clients.close();
    writer.close();
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
    return parameters.put(MotoParameters.pathName(PREFIX, id), value);
  }
}
