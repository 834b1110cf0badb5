package dev.fidelius.operator.backend.parameterstore;

import dev.fidelius.operator.backend.AwsErrors;
import dev.fidelius.operator.backend.BackendError;
import dev.fidelius.operator.backend.ErrorKind;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * Parameter Store's failures as typed errors: {@link AwsErrors} for the general mapping, plus the
 * codes only SSM uses for a SecureString it cannot decrypt (its KMS key is gone, disabled or not
 * usable by the caller).
 */
final class ParameterStoreErrors {

  private ParameterStoreErrors() {}

  static BackendError ofCall(String what, Throwable failure) {
    BackendError classified = AwsErrors.classify(what, failure);
    if (failure instanceof AwsServiceException e
        && e.awsErrorDetails() != null
        && isKmsFailure(e.awsErrorDetails().errorCode())) {
      return BackendError.of(ErrorKind.DECRYPT_FAILED, classified.message());
    }
    return classified;
  }

  static BackendError notFound(String name) {
    return BackendError.of(
        ErrorKind.NOT_FOUND, "Parameter Store parameter " + name + " does not exist");
  }

  private static boolean isKmsFailure(String code) {
    return "InvalidKeyId".equals(code);
  }
}
