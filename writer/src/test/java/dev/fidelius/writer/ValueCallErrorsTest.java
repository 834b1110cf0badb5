package dev.fidelius.writer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fidelius.operator.backend.BackendError;
import dev.fidelius.operator.backend.ErrorKind;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

class ValueCallErrorsTest {

  @Test
  void keepsTheKindAndCodeButDropsAMessageThatQuotesTheInput() {
    AwsServiceException rejected =
        AwsServiceException.builder()
            .statusCode(400)
            .awsErrorDetails(
                AwsErrorDetails.builder()
                    .errorCode("ValidationException")
                    .errorMessage("Value 'hunter2-secret' at 'value' failed to satisfy constraint")
                    .build())
            .build();

    BackendError error = ValueCallErrors.classify("PutParameter of /APP/dev/x", rejected);

    assertThat(error.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
    assertThat(error.message())
        .isEqualTo("PutParameter of /APP/dev/x failed: ValidationException (HTTP 400)")
        .doesNotContain("hunter2");
  }

  @Test
  void anAccessDenialKeepsTheMessageThatNamesTheMissingPermission() {
    AwsServiceException denied =
        AwsServiceException.builder()
            .statusCode(400)
            .awsErrorDetails(
                AwsErrorDetails.builder()
                    .errorCode("AccessDeniedException")
                    .errorMessage("not authorized to perform kms:Encrypt")
                    .build())
            .build();

    BackendError error = ValueCallErrors.classify("KMS Encrypt for s3://b/k", denied);

    assertThat(error.kind()).isEqualTo(ErrorKind.ACCESS_DENIED);
    assertThat(error.message()).contains("kms:Encrypt");
  }
}
