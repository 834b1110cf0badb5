package dev.fidelius.operator.backend.parameterstore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fidelius.operator.backend.SecretId;
import dev.fidelius.operator.backend.SecretScope;
import org.junit.jupiter.api.Test;

/** Which reads a Parameter Store Change event for one parameter concerns. */
class ParameterChangeNoticeTest {

  private final ParameterNaming naming = new ParameterNaming("/fidelius");

  @Test
  void concernsTheParameterByNameOrArnAndNothingElse() {
    SecretId db = SecretId.of("payments", null, "dev", "db");
    ParameterChangeNotice byName = notice("/fidelius/PAYMENTS/dev/db", true);
    ParameterChangeNotice byArn =
        notice("arn:aws:ssm:us-east-1:123456789012:parameter/fidelius/PAYMENTS/dev/db", true);

    assertThat(byName.concerns(db)).isTrue();
    assertThat(byArn.concerns(db)).isTrue();
    assertThat(byName.concerns(SecretId.of("payments", null, "dev", "db2"))).isFalse();
    assertThat(byName.concerns(SecretId.of("payments", null, "prod", "db"))).isFalse();
    assertThat(notice("/fidelius/payments/dev/db", true).concerns(db))
        .as("parameter names are case-sensitive; the application is upper-case")
        .isFalse();
  }

  @Test
  void aComponentsReadFallsBackToTheNameWithoutItOnlyWithFallbackOn() {
    SecretId withComponent = SecretId.of("payments", "api", "dev", "db");

    assertThat(notice("/fidelius/PAYMENTS/api/dev/db", false).concerns(withComponent)).isTrue();
    assertThat(notice("/fidelius/PAYMENTS/dev/db", true).concerns(withComponent)).isTrue();
    assertThat(notice("/fidelius/PAYMENTS/dev/db", false).concerns(withComponent)).isFalse();
  }

  @Test
  void concernsTheScopesWhosePathHoldsTheParameter() {
    ParameterChangeNotice notice = notice("/fidelius/PAYMENTS/dev/new_one", true);

    assertThat(notice.concerns(SecretScope.of("payments", "dev"))).isTrue();
    assertThat(notice.concerns(new SecretScope("payments", "api", "dev"))).isTrue();
    assertThat(notice.concerns(SecretScope.of("payments", "prod"))).isFalse();
    assertThat(notice.concerns(SecretScope.of("orders", "dev"))).isFalse();
    assertThat(
            notice("/fidelius/PAYMENTS/dev/new_one", false)
                .concerns(new SecretScope("payments", "api", "dev")))
        .isFalse();
  }

  private ParameterChangeNotice notice(String nameOrArn, boolean fallback) {
    return new ParameterChangeNotice(nameOrArn, naming, fallback);
  }
}
