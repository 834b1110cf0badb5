package dev.fidelius.operator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CommonPoolParallelismTest {

  @Test
  void oneOrTwoCpusGetTwoWorkers() {
    assertThat(CommonPoolParallelism.valueToSet(null, 1)).contains("2");
    assertThat(CommonPoolParallelism.valueToSet(null, 2)).contains("2");
  }

  @Test
  void threeOrMoreCpusAlreadyUseThePool() {
    assertThat(CommonPoolParallelism.valueToSet(null, 3)).isEmpty();
    assertThat(CommonPoolParallelism.valueToSet(null, 16)).isEmpty();
  }

  @Test
  void aGivenParallelismIsKept() {
    assertThat(CommonPoolParallelism.valueToSet("1", 2)).isEmpty();
  }
}
