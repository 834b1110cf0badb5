package dev.fidelius.operator.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TenantPolicyTest {

  @Test
  void theDefaultsAreTheSafeOnes() {
    TenantPolicy policy = OperatorConfig.defaults().tenantPolicy();

    assertThat(policy.mergeRequiresOptIn()).isTrue();
    assertThat(policy.allowedTokenAudiences()).containsExactly("sts.amazonaws.com");
    assertThat(policy.credentialsCacheMaxIdentities()).isEqualTo(1000);
    assertThat(policy.credentialsIdleExpiry()).isEqualTo(Duration.ofHours(2));
  }

  @Test
  void anAdministratorCanRelaxEach() {
    TenantPolicy policy =
        OperatorConfig.fromEnvironment(
                Map.of(
                    "FIDELIUS_MERGE_REQUIRES_OPT_IN", "false",
                    "FIDELIUS_ALLOWED_TOKEN_AUDIENCES", "sts.amazonaws.com, sts.example.internal",
                    "FIDELIUS_CREDENTIALS_CACHE_MAX_IDENTITIES", "50",
                    "FIDELIUS_CREDENTIALS_IDLE_EXPIRY", "30m"))
            .tenantPolicy();

    assertThat(policy.mergeRequiresOptIn()).isFalse();
    assertThat(policy.allowedTokenAudiences())
        .isEqualTo(Set.of("sts.amazonaws.com", "sts.example.internal"));
    assertThat(policy.credentialsCacheMaxIdentities()).isEqualTo(50);
    assertThat(policy.credentialsIdleExpiry()).isEqualTo(Duration.ofMinutes(30));
  }

  @Test
  void invalidValuesStopTheOperatorNamingEachVariable() {
    assertThatThrownBy(
            () ->
                OperatorConfig.fromEnvironment(
                    Map.of(
                        "FIDELIUS_MERGE_REQUIRES_OPT_IN", "maybe",
                        "FIDELIUS_ALLOWED_TOKEN_AUDIENCES", " , ",
                        "FIDELIUS_CREDENTIALS_CACHE_MAX_IDENTITIES", "0",
                        "FIDELIUS_CREDENTIALS_IDLE_EXPIRY", "0")))
        .hasMessageStartingWith("invalid operator configuration: ")
        .hasMessageContaining("FIDELIUS_MERGE_REQUIRES_OPT_IN must be true or false")
        .hasMessageContaining("FIDELIUS_ALLOWED_TOKEN_AUDIENCES must name at least one audience")
        .hasMessageContaining(
            "FIDELIUS_CREDENTIALS_CACHE_MAX_IDENTITIES must be between 1 and 1000000")
        .hasMessageContaining("FIDELIUS_CREDENTIALS_IDLE_EXPIRY must be a duration");
  }
}
