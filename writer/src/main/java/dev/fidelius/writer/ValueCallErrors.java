package dev.fidelius.writer;

import dev.fidelius.operator.backend.AwsErrors;
import dev.fidelius.operator.backend.BackendError;
import dev.fidelius.operator.backend.ErrorKind;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * Errors of calls that carry a value (PutParameter, PutObject, KMS Encrypt): the kind and the
 * service's error code, without the service's message, because some services quote the rejected
 * input (a value over a size limit) in their validation messages. An access denial keeps it: IAM's
 * and KMS's denials name the principal, action and resource, which is what fixes them, and never
 * the input. Calls without a value use {@link AwsErrors#classify} as is.
 */
public final class ValueCallErrors {

  private ValueCallErrors() {}

  public static BackendError classify(String what, Throwable failure) {
    BackendError classified = AwsErrors.classify(what, failure);
    if (failure instanceof AwsServiceException e && classified.kind() != ErrorKind.ACCESS_DENIED) {
      String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
      return BackendError.of(
          classified.kind(),
          what
              + " failed: "
              + (code == null ? "" : AwsErrors.sanitize(code) + " ")
              + "(HTTP "
              + e.statusCode()
              + ")");
    }
    return classified;
  }
}
