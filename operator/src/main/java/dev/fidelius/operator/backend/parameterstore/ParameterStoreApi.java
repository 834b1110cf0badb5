package dev.fidelius.operator.backend.parameterstore;

import software.amazon.awssdk.services.ssm.model.DescribeParametersRequest;
import software.amazon.awssdk.services.ssm.model.DescribeParametersResponse;
import software.amazon.awssdk.services.ssm.model.GetParametersRequest;
import software.amazon.awssdk.services.ssm.model.GetParametersResponse;

/**
 * The two Parameter Store calls this backend makes: metadata pages for change detection and
 * listings, and batched value reads. The seam unit tests fake for what an emulator cannot do
 * (refusals, throttling, AWS's page sizes). Methods throw the SDK's exceptions; callers turn them
 * into outcomes.
 */
interface ParameterStoreApi {

  DescribeParametersResponse describeParameters(DescribeParametersRequest request);

  GetParametersResponse getParameters(GetParametersRequest request);
}
