package dev.fidelius.operator.backend;

/**
 * Why a backend could not deliver a secret. Each kind maps to the {@code Ready} condition reason a
 * FideliusSecret shows, and tells whether retrying later can help.
 */
public enum ErrorKind {
  /** The secret, or the requested version of it, does not exist (or is scheduled for deletion). */
  NOT_FOUND("NotFound", true),
  /**
   * IAM or a KMS key policy refused the call (including a wrong encryption context refused by KMS).
   */
  ACCESS_DENIED("AccessDenied", true),
  /**
   * The item's HMAC does not match its ciphertext: tampered or corrupted. Never returned as data.
   */
  INTEGRITY_ERROR("IntegrityError", false),
  /** KMS could not decrypt the data key or Secrets Manager could not decrypt the secret. */
  DECRYPT_FAILED("DecryptFailed", true),
  /** AWS throttled the calls and the SDK's retries with backoff ran out. */
  THROTTLED("Throttled", true),
  /** The service could not be reached or answered with a server error. */
  UNAVAILABLE("BackendUnavailable", true),
  /**
   * The stored item is not in the expected format (bad base64, missing or mistyped attribute,
   * oversize).
   */
  MALFORMED("MalformedSecret", false),
  /**
   * The item uses a feature this operator does not support (for example a digest other than
   * SHA256).
   */
  UNSUPPORTED("UnsupportedSecret", false),
  /**
   * The request cannot be served as asked: a JSON property of a secret that is not JSON, binary
   * data where text is required, a stage on a store without stages, a value over the Kubernetes
   * Secret size.
   */
  INVALID_REQUEST("InvalidSpec", false),
  /**
   * The region serving a store with failover regions holds an older version than the one the Secret
   * holds (replication lag): the Secret keeps its newer data until the region catches up.
   */
  REPLICA_BEHIND("ReplicaBehind", true);

  private final String reason;
  private final boolean transientFailure;

  ErrorKind(String reason, boolean transientFailure) {
    this.reason = reason;
    this.transientFailure = transientFailure;
  }

  /** The condition reason shown in a FideliusSecret's status. */
  public String reason() {
    return reason;
  }

  /**
   * True when the same call may succeed later without anyone changing the item (throttling,
   * outages, policies being fixed); false when the stored data itself is wrong and only a new
   * version helps.
   */
  public boolean isTransient() {
    return transientFailure;
  }
}
