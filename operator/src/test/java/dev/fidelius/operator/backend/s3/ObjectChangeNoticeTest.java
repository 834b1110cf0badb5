package dev.fidelius.operator.backend.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fidelius.operator.backend.SecretId;
import dev.fidelius.operator.backend.SecretScope;
import org.junit.jupiter.api.Test;

/** Which reads an S3 event for one object concerns. */
class ObjectChangeNoticeTest {

  private final ObjectNaming naming = new ObjectNaming("secrets/");

  @Test
  void concernsTheObjectOfThisBucketOnly() {
    SecretId db = SecretId.of("payments", null, "dev", "db");

    assertThat(notice("fidelius/secrets/PAYMENTS/dev/db", true).concerns(db)).isTrue();
    assertThat(notice("fidelius/secrets/PAYMENTS/dev/db2", true).concerns(db)).isFalse();
    ObjectChangeNotice otherBucket = notice("fidelius-other/secrets/PAYMENTS/dev/db", true);
    assertThat(otherBucket.inBucket()).isFalse();
    assertThat(otherBucket.concerns(db)).isFalse();
    assertThat(otherBucket.concerns(SecretScope.of("payments", "dev"))).isFalse();
  }

  @Test
  void aComponentsReadFallsBackToTheKeyWithoutItOnlyWithFallbackOn() {
    SecretId withComponent = SecretId.of("payments", "api", "dev", "db");

    assertThat(notice("fidelius/secrets/PAYMENTS/api/dev/db", false).concerns(withComponent))
        .isTrue();
    assertThat(notice("fidelius/secrets/PAYMENTS/dev/db", true).concerns(withComponent)).isTrue();
    assertThat(notice("fidelius/secrets/PAYMENTS/dev/db", false).concerns(withComponent)).isFalse();
  }

  @Test
  void concernsTheScopesWhosePrefixHoldsTheKey() {
    ObjectChangeNotice notice = notice("fidelius/secrets/PAYMENTS/dev/new_one", true);

    assertThat(notice.concerns(SecretScope.of("payments", "dev"))).isTrue();
    assertThat(notice.concerns(SecretScope.of("payments", "prod"))).isFalse();
    assertThat(notice.concerns(SecretScope.of("orders", "dev"))).isFalse();
  }

  private ObjectChangeNotice notice(String bucketAndKey, boolean fallback) {
    return ObjectChangeNotice.of(bucketAndKey, "fidelius", naming, fallback);
  }
}
