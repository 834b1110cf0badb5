package dev.fidelius.operator.backend.s3;

import dev.fidelius.operator.testsupport.MotoServer;
import dev.fidelius.operator.testsupport.TestServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** The backend contract on a bucket with versioning: versions are VersionIds. */
@ExtendWith(TestServers.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class S3VersionedBucketContractIT extends S3BackendContract {

  @BeforeAll
  void start(MotoServer moto) {
    start(moto, true);
  }

  @AfterAll
  void close() {
    stop();
  }
}
