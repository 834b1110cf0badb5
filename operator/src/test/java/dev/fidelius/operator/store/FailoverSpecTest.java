package dev.fidelius.operator.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fidelius.operator.api.FideliusStoreSpec;
import dev.fidelius.operator.backend.failover.FailoverPolicy;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What a store's failover regions and settings may say: bounded, since tenants write them. */
class FailoverSpecTest {

  private final StoreSpecValidator validator = new StoreSpecValidator(NamespacedStorePolicy.STRICT);

  @Test
  void orderedDistinctRegionsAndBoundedSettingsAreUsable() {
    assertThat(
            validator.problems(
                spec(
                    """
        provider: {secretsManager: {region: us-east-1, failoverRegions: [us-west-2, eu-west-1]}}
        failover: {after: 30s, probeInterval: 1m, minSwitchInterval: "0"}
        """),
                false))
        .isEmpty();
    assertThat(
            validator.problems(
                spec("provider: {dynamodb: {region: us-east-1, failoverRegions: [us-west-2]}}"),
                false))
        .isEmpty();
  }

  @Test
  void regionsThatAreNotRegionsRepeatOrNameThePrimaryAreRefused() {
    assertThat(
            validator.problems(
                spec(
                    "provider: {secretsManager: {region: us-east-1, failoverRegions: [us-east-1,"
                        + " us-west-2, us-west-2, \"http://evil\"]}}"),
                false))
        .containsExactly(
            "spec.provider.secretsManager.failoverRegions[0] is the primary region us-east-1",
            "spec.provider.secretsManager.failoverRegions[2] repeats us-west-2",
            "spec.provider.secretsManager.failoverRegions[3] is not an AWS region such as"
                + " us-west-2");
    assertThat(
            validator.problems(
                spec(
                    "provider: {dynamodb: {region: us-east-1, failoverRegions: [a-b-1, a-c-1,"
                        + " a-d-1, a-e-1, a-f-1, a-g-1]}}"),
                false))
        .containsExactly("spec.provider.dynamodb.failoverRegions may name at most 5 regions");
  }

  @Test
  void settingsOutOfBoundsAreRefused() {
    assertThat(
            validator.problems(
                spec(
                    """
        provider: {secretsManager: {region: us-east-1, failoverRegions: [us-west-2]}}
        failover: {after: 100ms, probeInterval: 2h, minSwitchInterval: 48h}
        """),
                false))
        .containsExactly(
            "spec.failover.after must be a duration from 1s to 1h",
            "spec.failover.probeInterval must be a duration from 1s to 1h",
            "spec.failover.minSwitchInterval must be a duration from 0 to 24h");
  }

  @Test
  void unsetSettingsTakeTheDefaults() {
    assertThat(FailoverPolicies.of(null)).isEqualTo(FailoverPolicy.DEFAULTS);
    FailoverPolicy policy =
        FailoverPolicies.of(
            spec("""
        provider: {secretsManager: {region: us-east-1}}
        failover: {after: 10s}
        """)
                .getFailover());
    assertThat(policy.after()).isEqualTo(Duration.ofSeconds(10));
    assertThat(policy.probeInterval()).isEqualTo(FailoverPolicy.DEFAULT_PROBE_INTERVAL);
    assertThat(policy.minSwitchInterval()).isEqualTo(FailoverPolicy.DEFAULT_MIN_SWITCH_INTERVAL);
  }

  private static FideliusStoreSpec spec(String yaml) {
    return Serialization.unmarshal(yaml, FideliusStoreSpec.class);
  }
}
