package dev.fidelius.operator.backend.parameterstore;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.services.ssm.model.DescribeParametersRequest;
import software.amazon.awssdk.services.ssm.model.DescribeParametersResponse;
import software.amazon.awssdk.services.ssm.model.GetParametersRequest;
import software.amazon.awssdk.services.ssm.model.GetParametersResponse;
import software.amazon.awssdk.services.ssm.model.Parameter;
import software.amazon.awssdk.services.ssm.model.ParameterMetadata;
import software.amazon.awssdk.services.ssm.model.SsmException;

/**
 * A {@link ParameterStoreApi} over an in-memory map of current parameters, paging as AWS does (up
 * to MaxResults per page), or scripted to fail. For what moto cannot show: AWS's page size and
 * refusals.
 */
final class FakeParameterStoreApi implements ParameterStoreApi {

  final List<SdkRequest> calls = new ArrayList<>();
  final Map<String, String> values = new LinkedHashMap<>();
  Function<SdkRequest, RuntimeException> failWith = request -> null;

  static SsmException awsError(String code, int status) {
    return (SsmException)
        SsmException.builder()
            .awsErrorDetails(
                AwsErrorDetails.builder()
                    .errorCode(code)
                    .errorMessage(code + " from the fake")
                    .build())
            .statusCode(status)
            .build();
  }

  long count(Class<? extends SdkRequest> type) {
    return calls.stream().filter(type::isInstance).count();
  }

  @Override
  public DescribeParametersResponse describeParameters(DescribeParametersRequest request) {
    calls.add(request);
    fail(request);
    List<String> names = request.parameterFilters().get(0).values();
    List<ParameterMetadata> found =
        values.keySet().stream()
            .filter(names::contains)
            .map(
                n ->
                    ParameterMetadata.builder()
                        .name(n)
                        .version(1L)
                        .lastModifiedDate(Instant.EPOCH)
                        .build())
            .toList();
    int from = request.nextToken() == null ? 0 : Integer.parseInt(request.nextToken());
    int to = Math.min(found.size(), from + request.maxResults());
    return DescribeParametersResponse.builder()
        .parameters(found.subList(from, to))
        .nextToken(to < found.size() ? String.valueOf(to) : null)
        .build();
  }

  @Override
  public GetParametersResponse getParameters(GetParametersRequest request) {
    calls.add(request);
    fail(request);
    List<Parameter> found = new ArrayList<>();
    List<String> invalid = new ArrayList<>();
    for (String name : request.names()) {
      if (values.containsKey(name)) {
        found.add(
            Parameter.builder()
                .name(name)
                .version(1L)
                .value(values.get(name))
                .lastModifiedDate(Instant.EPOCH)
                .build());
      } else {
        invalid.add(name);
      }
    }
    return GetParametersResponse.builder().parameters(found).invalidParameters(invalid).build();
  }

  private void fail(SdkRequest request) {
    RuntimeException failure = failWith.apply(request);
    if (failure != null) {
      throw failure;
    }
  }
}
