package dev.fidelius.operator.backend.parameterstore;

import java.util.Objects;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.DescribeParametersRequest;
import software.amazon.awssdk.services.ssm.model.DescribeParametersResponse;
import software.amazon.awssdk.services.ssm.model.GetParametersRequest;
import software.amazon.awssdk.services.ssm.model.GetParametersResponse;

/**
 * {@link ParameterStoreApi} on the AWS SDK client (which brings retries, timeouts and the call
 * counter).
 */
final class SdkParameterStoreApi implements ParameterStoreApi {

  private final SsmClient client;

  SdkParameterStoreApi(SsmClient client) {
    this.client = Objects.requireNonNull(client, "client");
  }

  @Override
  public DescribeParametersResponse describeParameters(DescribeParametersRequest request) {
    return client.describeParameters(request);
  }

  @Override
  public GetParametersResponse getParameters(GetParametersRequest request) {
    return client.getParameters(request);
  }
}
