package dev.fidelius.operator.backend.parameterstore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fidelius.operator.backend.ErrorKind;
import dev.fidelius.operator.backend.Outcome;
import dev.fidelius.operator.backend.SecretId;
import dev.fidelius.operator.backend.SecretRequest;
import dev.fidelius.operator.backend.SecretScope;
import dev.fidelius.operator.backend.SecretValue;
import dev.fidelius.operator.backend.ValueCache;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ssm.model.DescribeParametersRequest;
import software.amazon.awssdk.services.ssm.model.GetParametersRequest;

/**
 * Costs at AWS's page sizes and failures moto cannot produce, on a fake of the Parameter Store
 * seam.
 */
class ParameterStoreBackendTest {

  private static final SecretScope SCOPE = new SecretScope("app", null, "prod");

  private final FakeParameterStoreApi api = new FakeParameterStoreApi();
  private final ParameterStoreBackend backend =
      new ParameterStoreBackend(
          ParameterStoreConfig.of(Region.US_EAST_1, "unit"), api, new ValueCache(1 << 20));

  private List<SecretId> ids(int n) {
    return IntStream.range(0, n)
        .mapToObj(
            i -> {
              SecretId id = new SecretId(SCOPE, "p" + i);
              api.values.put("/APP/prod/p" + i, "value-" + i);
              return id;
            })
        .toList();
  }

  @Test
  void changeDetectionCostsOneCallPerFiftyNamesAtAwsPageSize() {
    List<SecretId> ids = ids(500);

    Map<SecretId, Outcome<String>> versions = backend.currentVersions(ids);

    assertThat(versions.values()).allSatisfy(v -> assertThat(v).isEqualTo(Outcome.ok("1")));
    assertThat(api.count(DescribeParametersRequest.class)).isEqualTo(10);
    assertThat(api.calls)
        .allSatisfy(
            call -> assertThat(((DescribeParametersRequest) call).maxResults()).isEqualTo(50));
  }

  @Test
  void valuesCostOneCallPerTenNames() {
    List<SecretId> ids = ids(95);

    backend.read(ids.stream().map(SecretRequest::latest).toList());

    assertThat(api.count(GetParametersRequest.class)).isEqualTo(10);
    assertThat(api.calls)
        .allSatisfy(call -> assertThat(((GetParametersRequest) call).withDecryption()).isTrue());
  }

  @Test
  void throttlingFailsTheRestWithoutFurtherCalls() {
    List<SecretId> ids = ids(30);
    api.failWith = request -> FakeParameterStoreApi.awsError("ThrottlingException", 400);

    Map<SecretRequest, Outcome<SecretValue>> read =
        backend.read(ids.stream().map(SecretRequest::latest).toList());

    assertThat(read.values())
        .allSatisfy(r -> assertThat(r.error().kind()).isEqualTo(ErrorKind.THROTTLED));
    assertThat(api.calls).hasSize(1);
  }

  @Test
  void refusalsAndKmsFailuresAreTypedAndHoldNoValue() {
    List<SecretId> ids = ids(1);
    SecretRequest request = SecretRequest.latest(ids.get(0));

    api.failWith = r -> FakeParameterStoreApi.awsError("AccessDeniedException", 400);
    Outcome<SecretValue> denied = backend.read(List.of(request)).get(request);
    api.failWith = r -> FakeParameterStoreApi.awsError("InvalidKeyId", 400);
    Outcome<SecretValue> kms = backend.read(List.of(request)).get(request);

    assertThat(denied.error().kind()).isEqualTo(ErrorKind.ACCESS_DENIED);
    assertThat(kms.error().kind()).isEqualTo(ErrorKind.DECRYPT_FAILED);
    assertThat(denied + " " + kms).doesNotContain("value-0").contains("/APP/prod/p0");
  }

  @Test
  void aNameParameterStoreWouldRefuseIsRefusedBeforeAnyCall() {
    SecretId bad = new SecretId(SCOPE, "has:colon");

    assertThat(backend.currentVersions(List.of(bad)).get(bad).error().kind())
        .isEqualTo(ErrorKind.INVALID_REQUEST);
    assertThat(api.calls).isEmpty();
  }
}
