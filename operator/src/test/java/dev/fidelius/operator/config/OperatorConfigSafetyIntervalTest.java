package dev.fidelius.operator.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** FIDELIUS_SAFETY_INTERVAL: the operator-wide safety interval of stores with live events. */
class OperatorConfigSafetyIntervalTest {

  @Test
  void defaultsToTenMinutesAndReadsTheVariable() {
    assertThat(OperatorConfig.defaults().safetyInterval()).isEqualTo(Duration.ofMinutes(10));
    assertThat(
            OperatorConfig.fromEnvironment(Map.of(OperatorConfig.SAFETY_INTERVAL, "30m"))
                .safetyInterval())
        .isEqualTo(Duration.ofMinutes(30));
  }

  @Test
  void refusesZeroAndNonsenseNamingTheVariable() {
    assertThatThrownBy(
            () -> OperatorConfig.fromEnvironment(Map.of(OperatorConfig.SAFETY_INTERVAL, "0s")))
        .hasMessageContaining("FIDELIUS_SAFETY_INTERVAL");
    assertThatThrownBy(
            () -> OperatorConfig.fromEnvironment(Map.of(OperatorConfig.SAFETY_INTERVAL, "soon")))
        .hasMessageContaining("FIDELIUS_SAFETY_INTERVAL");
  }
}
