package dev.fidelius.e2e.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fidelius.operator.aws.AwsCallCounter.Call;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The report's arithmetic: the stores' call targets, idle figures per hour, percentiles. */
class BenchTargetsTest {

  private static final Call DESCRIBE = new Call("ssm", "DescribeParameters");
  private static final Call GET_PARAMETERS = new Call("ssm", "GetParameters");
  private static final Call LIST = new Call("s3", "ListObjectsV2");
  private static final Call GET_OBJECT = new Call("s3", "GetObject");
  private static final Call DECRYPT = new Call("kms", "Decrypt");

  @Test
  void parameterStoreTargetIsKeysOverFiftyPlusChangedOverTenPlusFive() {
    // 3,000 keys, 30 changed: 60 + 3 + 5 = 68
    assertThat(
            StoreTargets.cycle(
                Backend.PARAMETER_STORE, 3000, 30, Map.of(DESCRIBE, 60L, GET_PARAMETERS, 3L)))
        .isEqualTo(new Report.Target("≤ 68.00", true));
    assertThat(
            StoreTargets.cycle(
                    Backend.PARAMETER_STORE, 3000, 30, Map.of(DESCRIBE, 60L, GET_PARAMETERS, 9L))
                .met())
        .isFalse();
  }

  @Test
  void s3TargetCountsCallsAndDecryptsSeparately() {
    // 3,000 keys, 30 changed: 3 + 60 + 5 = 68 calls, at most 30 Decrypt
    assertThat(
            StoreTargets.cycle(
                Backend.S3, 3000, 30, Map.of(LIST, 3L, GET_OBJECT, 30L, DECRYPT, 30L)))
        .isEqualTo(new Report.Target("≤ 68.00, KMS ≤ 30", true));
    assertThat(
            StoreTargets.cycle(
                    Backend.S3, 3000, 30, Map.of(LIST, 3L, GET_OBJECT, 30L, DECRYPT, 31L))
                .met())
        .as("a Decrypt of a version seen before")
        .isFalse();
    assertThat(StoreTargets.cycle(Backend.S3, 3000, 0, Map.of(LIST, 3L)).met()).isTrue();
  }

  @Test
  void idleFiguresSplitTheQueueFromTheSweepsAndScaleToAnHour() {
    Call receive = new Call("sqs", "ReceiveMessage");
    Call listSecrets = new Call("secretsmanager", "ListSecrets");
    // 180 s: 9 long polls, 3 sweeps of 4 ListSecrets each
    EventResults.Idle idle =
        new EventResults.Idle(
            Backend.SECRETS_MANAGER, 1000, 60, 180.0, Map.of(receive, 9L, listSecrets, 12L), 3);
    EventReport.IdleFigures f = EventReport.IdleFigures.of(idle);

    assertThat(f.feed()).containsExactly(Map.entry(receive, 9L));
    assertThat(f.perSweep()).isEqualTo(4.0);
    assertThat(f.perHourMeasured()).isEqualTo(21 * 20.0);
    assertThat(f.perHourDefault()).isEqualTo(9 * 20.0 + 6 * 4.0);
    assertThat(f.targetMet(Backend.SECRETS_MANAGER)).isEqualTo("yes");

    EventResults.Idle busy =
        new EventResults.Idle(
            Backend.SECRETS_MANAGER, 1000, 60, 180.0, Map.of(receive, 30L, listSecrets, 12L), 3);
    assertThat(EventReport.IdleFigures.of(busy).targetMet(Backend.SECRETS_MANAGER))
        .isEqualTo("**no**");
  }

  @Test
  void streamReadsCountAsTheEventSource() {
    assertThat(EventReport.isFeedCall(new Call("dynamodb", "GetRecords"))).isTrue();
    assertThat(EventReport.isFeedCall(new Call("dynamodb", "Scan"))).isFalse();
  }

  @Test
  void percentileIsNearestRank() {
    List<Double> values = List.of(5.0, 1.0, 4.0, 2.0, 3.0);
    assertThat(Stats.percentile(values, 50)).isEqualTo(3.0);
    assertThat(Stats.percentile(values, 99)).isEqualTo(5.0);
    assertThat(Stats.median(List.of(4L, 1L, 3L, 2L))).isEqualTo(2L);
  }
}
