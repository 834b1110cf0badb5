package dev.fidelius.operator.backend.s3;

import dev.fidelius.operator.backend.AwsErrors;
import dev.fidelius.operator.backend.BackendError;
import dev.fidelius.operator.backend.ErrorKind;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * S3's failures as typed errors: {@link AwsErrors} for the general mapping, with two corrections. A
 * missing bucket answers 404 like a missing key, but it says the store is misconfigured, not that a
 * secret is gone, and a confirmed NOT_FOUND may delete a synced Kubernetes Secret; so it is
 * UNAVAILABLE. A missing version is NOT_FOUND whatever status the service chose for it.
 */
final class S3Errors {

  private static final Set<String> MISSING_VERSION =
      Set.of("NoSuchKey", "NoSuchVersion", "PreconditionFailed");

  private S3Errors() {}

  static BackendError ofCall(String what, Throwable failure) {
    BackendError classified = AwsErrors.classify(what, failure);
    String code =
        failure instanceof AwsServiceException e && e.awsErrorDetails() != null
            ? e.awsErrorDetails().errorCode()
            : null;
    if ("NoSuchBucket".equals(code)) {
      return BackendError.of(ErrorKind.UNAVAILABLE, classified.message());
    }
    if (code != null && MISSING_VERSION.contains(code)) {
      return BackendError.of(ErrorKind.NOT_FOUND, classified.message());
    }
    if ("InvalidRange".equals(code)) {
      return BackendError.of(ErrorKind.MALFORMED, what + " failed: the object is empty");
    }
    return classified;
  }
}
