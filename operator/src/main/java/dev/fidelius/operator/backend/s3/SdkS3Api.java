package dev.fidelius.operator.backend.s3;

import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;

/**
 * {@link S3Api} and {@link KmsApi} on the AWS SDK clients (retries, timeouts and the call counter).
 */
final class SdkS3Api implements S3Api, KmsApi {

  private final S3Client s3;
  private final KmsClient kms;

  /**
   * @param kms null for stores whose objects S3 decrypts
   */
  SdkS3Api(S3Client s3, KmsClient kms) {
    this.s3 = Objects.requireNonNull(s3, "s3");
    this.kms = kms;
  }

  @Override
  public ListObjectsV2Response listObjectsV2(ListObjectsV2Request request) {
    return s3.listObjectsV2(request);
  }

  @Override
  public ResponseBytes<GetObjectResponse> getObject(GetObjectRequest request) {
    return s3.getObjectAsBytes(request);
  }

  @Override
  public byte[] decrypt(byte[] ciphertextBlob, Map<String, String> encryptionContext) {
    Objects.requireNonNull(kms, "this store has no KMS client");
    return kms.decrypt(
            b ->
                b.ciphertextBlob(SdkBytes.fromByteArray(ciphertextBlob))
                    .encryptionContext(encryptionContext.isEmpty() ? null : encryptionContext))
        .plaintext()
        .asByteArray();
  }
}
