package dev.fidelius.operator.backend.secretsmanager;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fidelius.operator.backend.SecretId;
import dev.fidelius.operator.backend.SecretScope;
import org.junit.jupiter.api.Test;

/** Names and ARNs in events match the secrets and scopes a store reads under its naming. */
class SecretsManagerChangeNoticeTest {

  private final SecretsManagerNaming naming =
      new SecretsManagerNaming(SecretsManagerStoreConfig.Naming.FULL_NAME);
  private final SecretId db = SecretId.of("PAYMENTS", null, "dev", "db");

  @Test
  void aNameOrAnArnMatchesTheSecretAndItsScopeOnly() {
    String arn = "arn:aws:secretsmanager:us-east-1:123456789012:secret:PAYMENTS.dev.db-AbC123";

    assertThat(new SecretsManagerChangeNotice("PAYMENTS.dev.db", naming, false).concerns(db))
        .isTrue();
    assertThat(new SecretsManagerChangeNotice(arn, naming, false).concerns(db)).isTrue();
    assertThat(
            new SecretsManagerChangeNotice(arn, naming, false)
                .concerns(SecretScope.of("PAYMENTS", "dev")))
        .isTrue();
    assertThat(new SecretsManagerChangeNotice("PAYMENTS.dev.db2", naming, false).concerns(db))
        .isFalse();
    assertThat(
            new SecretsManagerChangeNotice("PAYMENTS.prod.db", naming, false)
                .concerns(SecretScope.of("PAYMENTS", "dev")))
        .isFalse();
  }

  @Test
  void aNameThatLooksLikeAnArnSuffixStillMatches() {
    SecretId odd = SecretId.of("PAYMENTS", null, "dev", "key-abcdef");
    String arn =
        "arn:aws:secretsmanager:us-east-1:123456789012:secret:PAYMENTS.dev.key-abcdef-XyZ789";

    assertThat(new SecretsManagerChangeNotice(arn, naming, false).concerns(odd)).isTrue();
    assertThat(
            new SecretsManagerChangeNotice("PAYMENTS.dev.key-abcdef", naming, false).concerns(odd))
        .isTrue();
  }

  @Test
  void withTagDiscoveryAnyEventConcernsEveryScope() {
    assertThat(
            new SecretsManagerChangeNotice("elsewhere", naming, true)
                .concerns(SecretScope.of("A", "dev")))
        .isTrue();
  }
}
