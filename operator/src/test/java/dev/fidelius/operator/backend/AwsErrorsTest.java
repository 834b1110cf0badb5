package dev.fidelius.operator.backend;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.kms.model.KmsException;

class AwsErrorsTest {

  @ParameterizedTest
  @CsvSource({
    // KMS server errors: KMS is unavailable, the data is fine (found by the e2e suite: a KMS 500
    // showed as
    // DecryptFailed, whose advice is to check key policies and key state)
    "KMSInternalException, 500, UNAVAILABLE",
    "KeyUnavailableException, 500, UNAVAILABLE",
    "DependencyTimeoutException, 503, UNAVAILABLE",
    // KMS refusing to decrypt
    "InvalidCiphertextException, 400, DECRYPT_FAILED",
    "DisabledException, 400, DECRYPT_FAILED",
    "KMSInvalidStateException, 400, DECRYPT_FAILED",
    "IncorrectKeyException, 400, DECRYPT_FAILED",
    // the rest of the mapping
    "AccessDeniedException, 400, ACCESS_DENIED",
    "ThrottlingException, 400, THROTTLED",
    "InternalServiceError, 500, UNAVAILABLE",
    "ResourceNotFoundException, 400, NOT_FOUND",
  })
  void kmsAndSecretsManagerErrorCodesMapToTheReasonTheyMean(
      String code, int status, ErrorKind kind) {
    assertThat(AwsErrors.kindFor(code, status, false)).isEqualTo(kind);
  }

  @Test
  void aKmsInternalErrorIsReportedAsUnavailableWithTheCallNamed() {
    AwsServiceException e =
        KmsException.builder()
            .statusCode(500)
            .awsErrorDetails(
                AwsErrorDetails.builder()
                    .errorCode("KMSInternalException")
                    .errorMessage("internal error")
                    .build())
            .build();

    BackendError error = AwsErrors.classify("KMS Decrypt of the data key of APP.dev.db", e);

    assertThat(error.kind()).isEqualTo(ErrorKind.UNAVAILABLE);
    assertThat(error.kind().reason()).isEqualTo("BackendUnavailable");
    assertThat(error.message())
        .startsWith("KMS Decrypt of the data key of APP.dev.db failed: KMSInternalException");
  }
}
