package dev.fidelius.operator.backend.fidelius;

import dev.fidelius.operator.aws.AwsCallCounter;
import dev.fidelius.operator.backend.SecretBackend;
import dev.fidelius.operator.backend.SecretBackendContract;
import dev.fidelius.operator.backend.SecretId;
import dev.fidelius.operator.testsupport.MotoServer;
import dev.fidelius.operator.testsupport.TestServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;

/** The behaviour every backend owes its callers, on DynamoDB and KMS in moto. */
@ExtendWith(TestServers.class)
class FideliusBackendContractIT extends SecretBackendContract {

  private static FideliusTestStore store;
  private static FideliusReader reader;

  @BeforeAll
  static void startStore(MotoServer moto) {
    store = FideliusTestStore.create(moto, "contract");
    reader = store.reader();
  }

  @AfterAll
  static void stopStore() {
    store.close();
  }

  @Override
  protected SecretBackend backend() {
    return reader;
  }

  @Override
  protected AwsCallCounter counter() {
    return store.counter();
  }

  @Override
  protected String write(SecretId id, String value) {
    return store.write(id, value);
  }
}
