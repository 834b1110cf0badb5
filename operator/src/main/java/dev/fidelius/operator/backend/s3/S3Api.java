package dev.fidelius.operator.backend.s3;

import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;

/**
 * The two S3 calls this backend makes: listings for change detection, and object reads. The seam
 * unit tests fake for what an emulator cannot do. Methods throw the SDK's exceptions; callers turn
 * them into outcomes.
 */
interface S3Api {

  ListObjectsV2Response listObjectsV2(ListObjectsV2Request request);

  ResponseBytes<GetObjectResponse> getObject(GetObjectRequest request);
}
