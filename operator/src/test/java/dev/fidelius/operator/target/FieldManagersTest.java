package dev.fidelius.operator.target;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FieldManagersTest {

  @Test
  void oneManagerPerFideliusSecretNamedAfterIt() {
    assertThat(FieldManagers.of("payments-db")).isEqualTo("fidelius-operator/payments-db");
    assertThat(FieldManagers.of("a"))
        .isNotEqualTo(FieldManagers.of("b"))
        .isNotEqualTo(FieldManagers.LEGACY);
  }

  @Test
  void longNamesStayUnderTheApiServersLimitAndDistinct() {
    String longName = "x".repeat(253);
    String other = "x".repeat(252) + "y";

    assertThat(FieldManagers.of(longName)).hasSize(128).startsWith("fidelius-operator/xxx");
    assertThat(FieldManagers.of(longName)).isNotEqualTo(FieldManagers.of(other));
    assertThat(FieldManagers.of("x".repeat(110)))
        .hasSize(128)
        .isEqualTo("fidelius-operator/" + "x".repeat(110));
  }
}
