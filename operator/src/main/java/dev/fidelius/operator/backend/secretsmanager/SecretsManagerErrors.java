package dev.fidelius.operator.backend.secretsmanager;

import dev.fidelius.operator.backend.AwsErrors;
import dev.fidelius.operator.backend.BackendError;
import dev.fidelius.operator.backend.ErrorKind;
import java.util.Locale;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.secretsmanager.model.APIErrorType;
import software.amazon.awssdk.services.secretsmanager.model.SecretsManagerException;

/**
 * Secrets Manager's failures as typed errors: {@link AwsErrors} for the general mapping (access
 * denied, throttling, DecryptionFailure, not found, outages), plus what only Secrets Manager says:
 * a secret scheduled for deletion answers InvalidRequestException, but for a FideliusSecret it is
 * simply gone.
 */
final class SecretsManagerErrors {

  private static final String INVALID_REQUEST = "InvalidRequestException";

  private SecretsManagerErrors() {}

  /**
   * A failed call about one secret.
   *
   * @param what the call and the secret, for example {@code Secrets Manager GetSecretValue of
   *     APP.dev.db (stage AWSCURRENT)}
   */
  static BackendError ofCall(String secretName, String what, Throwable failure) {
    if (failure instanceof AwsServiceException e
        && e.awsErrorDetails() != null
        && isScheduledForDeletion(
            e.awsErrorDetails().errorCode(), e.awsErrorDetails().errorMessage())) {
      return scheduledForDeletion(secretName);
    }
    return AwsErrors.classify(what, failure);
  }

  /** One secret's entry in the {@code Errors} list of a BatchGetSecretValue answer. */
  static BackendError ofBatchEntry(String secretName, APIErrorType entry) {
    String code = entry.errorCode() == null ? "UnknownError" : entry.errorCode();
    if (isScheduledForDeletion(code, entry.message())) {
      return scheduledForDeletion(secretName);
    }
    // The batch reports a per-secret failure as a code and a message; classify it exactly as the
    // same error
    // thrown by a single GetSecretValue, so both paths give a FideliusSecret the same reason.
    AwsServiceException equivalent =
        SecretsManagerException.builder()
            .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).build())
            .build();
    ErrorKind kind = AwsErrors.classify("", equivalent).kind();
    String detail = AwsErrors.sanitize(entry.message());
    return BackendError.of(
        kind,
        "Secrets Manager BatchGetSecretValue of "
            + secretName
            + " failed: "
            + code
            + (detail.isEmpty() ? "" : ": " + detail));
  }

  static BackendError scheduledForDeletion(String secretName) {
    return BackendError.of(
        ErrorKind.NOT_FOUND,
        "Secrets Manager secret "
            + secretName
            + " is scheduled for deletion (RestoreSecret brings it back)");
  }

  /**
   * AWS answers reads of a secret marked for deletion with InvalidRequestException ("...because it
   * was marked for deletion"); moto says "...currently marked deleted". Both mention deletion,
   * other causes do not.
   */
  private static boolean isScheduledForDeletion(String code, String message) {
    return INVALID_REQUEST.equals(code)
        && message != null
        && message.toLowerCase(Locale.ROOT).contains("delet");
  }
}
