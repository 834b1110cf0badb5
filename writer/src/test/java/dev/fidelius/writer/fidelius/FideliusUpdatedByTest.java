package dev.fidelius.writer.fidelius;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FideliusUpdatedByTest {

  @Test
  void anAssumedRoleBecomesRoleNameSlashSessionName() {
    assertThat(
            UpdatedBy.fromCallerArn("arn:aws:sts::123456789012:assumed-role/FideliusOps/jane.doe"))
        .isEqualTo("FideliusOps/jane.doe");
  }

  @Test
  void otherArnsStayWhole() {
    assertThat(UpdatedBy.fromCallerArn("arn:aws:iam::123456789012:user/bob"))
        .isEqualTo("arn:aws:iam::123456789012:user/bob");
  }
}
