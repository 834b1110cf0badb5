package dev.fidelius.operator.backend.s3;

import dev.fidelius.operator.testsupport.MotoServer;
import dev.fidelius.operator.testsupport.TestServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** The backend contract on a bucket without versioning: versions are ETags. */
@ExtendWith(TestServers.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class S3UnversionedBucketContractIT extends S3BackendContract {

  @BeforeAll
  void start(MotoServer moto) {
    start(moto, false);
  }

  @AfterAll
  void close() {
    stop();
  }

  @Override
  protected boolean keepsOlderVersions() {
    return false;
  }
}
