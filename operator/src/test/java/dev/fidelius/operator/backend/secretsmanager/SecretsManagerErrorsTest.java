package dev.fidelius.operator.backend.secretsmanager;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fidelius.operator.backend.BackendError;
import dev.fidelius.operator.backend.ErrorKind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.secretsmanager.model.APIErrorType;
import software.amazon.awssdk.services.secretsmanager.model.SecretsManagerException;

/**
 * Failures moto cannot produce (it enforces no IAM, never throttles, never fails to decrypt), built
 * as the SDK builds them from AWS's answers.
 */
class SecretsManagerErrorsTest {

  private static final String REQUEST_ID = "8d6d1b3c-4a5e-4f2b-9c1d-0e7f6a5b4c3d";

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "AccessDeniedException    | 400 | User: arn:aws:sts::123456789012:assumed-role/tenant-a/op is not authorized"
            + " to perform: secretsmanager:GetSecretValue | ACCESS_DENIED",
        "DecryptionFailure        | 400 | Secrets Manager can't decrypt the protected secret text using the provided"
            + " KMS key. | DECRYPT_FAILED",
        "ThrottlingException      | 400 | Rate exceeded | THROTTLED",
        "ResourceNotFoundException| 400 | Secrets Manager can't find the specified secret. | NOT_FOUND",
        "InvalidRequestException  | 400 | You can't perform this operation on the secret because it was marked for"
            + " deletion. | NOT_FOUND",
        "InternalServiceError     | 500 | An error occurred on the server side. | UNAVAILABLE",
      })
  void aFailedCallBecomesATypedErrorNamingTheSecret(
      String code, int status, String message, ErrorKind kind) {
    BackendError error =
        SecretsManagerErrors.ofCall(
            "ORDERS.dev.db",
            "Secrets Manager GetSecretValue of ORDERS.dev.db",
            thrown(code, status, message));

    assertThat(error.kind()).isEqualTo(kind);
    assertThat(error.message()).contains("ORDERS.dev.db").doesNotContain(REQUEST_ID);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "You can't perform this operation on the secret because it was marked for deletion.",
        "You tried to perform the operation on a secret that's currently marked deleted.",
      })
  void aSecretScheduledForDeletionIsNotFoundAndSaysSo(String awsMessage) {
    BackendError error =
        SecretsManagerErrors.ofCall(
            "ORDERS.dev.db",
            "GetSecretValue of ORDERS.dev.db",
            thrown("InvalidRequestException", 400, awsMessage));

    assertThat(error.kind()).isEqualTo(ErrorKind.NOT_FOUND);
    assertThat(error.message()).contains("ORDERS.dev.db", "scheduled for deletion");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "AccessDeniedException     | is not authorized to perform: secretsmanager:GetSecretValue | ACCESS_DENIED",
        "DecryptionFailure         | Secrets Manager can't decrypt the protected secret text. | DECRYPT_FAILED",
        "ResourceNotFoundException | Secrets Manager can't find the specified secret. | NOT_FOUND",
        "InvalidRequestException   | You can't perform this operation on the secret because it was marked for"
            + " deletion. | NOT_FOUND",
        "InternalServiceError      | An error occurred on the server side. | UNAVAILABLE",
      })
  void aBatchErrorEntryIsClassifiedLikeTheSameErrorFromASingleCall(
      String code, String message, ErrorKind kind) {
    APIErrorType entry =
        APIErrorType.builder()
            .secretId("ORDERS.dev.db")
            .errorCode(code)
            .message(message + " (Request ID: " + REQUEST_ID + ")")
            .build();

    BackendError error = SecretsManagerErrors.ofBatchEntry("ORDERS.dev.db", entry);

    assertThat(error.kind()).isEqualTo(kind);
    assertThat(error.message()).contains("ORDERS.dev.db").doesNotContain(REQUEST_ID);
  }

  private static SecretsManagerException thrown(String code, int status, String message) {
    return (SecretsManagerException)
        SecretsManagerException.builder()
            .awsErrorDetails(
                AwsErrorDetails.builder()
                    .errorCode(code)
                    .errorMessage(message)
                    .serviceName("SecretsManager")
                    .build())
            .statusCode(status)
            .requestId(REQUEST_ID)
            .message(
                message
                    + " (Service: SecretsManager, Status Code: "
                    + status
                    + ", Request ID: "
                    + REQUEST_ID
                    + ")")
            .build();
  }
}
