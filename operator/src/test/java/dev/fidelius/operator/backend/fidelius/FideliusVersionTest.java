package dev.fidelius.operator.backend.fidelius;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FideliusVersionTest {

  @Test
  void storedVersionsAreNineteenDigitsAndPublicIdsArePlainDecimals() {
    assertThat(FideliusVersion.FIRST.padded()).isEqualTo("0000000000000000001");
    assertThat(new FideliusVersion(42).padded()).isEqualTo("0000000000000000042");
    assertThat(FideliusVersion.fromPadded("0000000000000000003")).contains(new FideliusVersion(3));
    assertThat(new FideliusVersion(3).id()).isEqualTo("3");
  }

  @Test
  void credstashsFirstVersionIsZero() {
    assertThat(FideliusVersion.fromPadded("0000000000000000000").map(FideliusVersion::id))
        .contains("0");
    assertThat(FideliusVersion.fromId("0")).contains(new FideliusVersion(0));
  }

  @Test
  void idsMayBePaddedOrNot() {
    assertThat(FideliusVersion.fromId("3")).contains(new FideliusVersion(3));
    assertThat(FideliusVersion.fromId("0000000000000000003")).contains(new FideliusVersion(3));
    assertThat(FideliusVersion.fromId("007")).contains(new FideliusVersion(7));
  }

  @Test
  void anythingElseIsRejected() {
    assertThat(FideliusVersion.fromPadded("3")).isEmpty();
    assertThat(FideliusVersion.fromPadded("000000000000000003x")).isEmpty();
    assertThat(FideliusVersion.fromPadded("00000000000000000003")).isEmpty();
    assertThat(FideliusVersion.fromPadded(null)).isEmpty();
    assertThat(FideliusVersion.fromId("")).isEmpty();
    assertThat(FideliusVersion.fromId("-1")).isEmpty();
    assertThat(FideliusVersion.fromId("+1")).isEmpty();
    assertThat(FideliusVersion.fromId("v3")).isEmpty();
    assertThat(FideliusVersion.fromId("٣")).as("non-ASCII digits").isEmpty();
    assertThat(FideliusVersion.fromId("9999999999999999999")).as("beyond a long").isEmpty();
    assertThat(FideliusVersion.fromId("12345678901234567890")).isEmpty();
  }

  @Test
  void theNextVersionFollowsNumerically() {
    assertThat(new FideliusVersion(9).next().padded()).isEqualTo("0000000000000000010");
    assertThat(new FideliusVersion(2).compareTo(new FideliusVersion(10))).isNegative();
  }
}
