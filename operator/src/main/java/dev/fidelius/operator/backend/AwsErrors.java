package dev.fidelius.operator.backend;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Turns AWS SDK exceptions into typed, sanitized {@link BackendError}s. The message keeps what
 * helps an operator fix the problem (service, operation, error code, HTTP status, and the AWS
 * message, which names the principal and action on an access denial) and drops request ids, long
 * opaque tokens and anything past a length bound. AWS never echoes secret values in errors; the
 * bound and the filters are a second line.
 */
public final class AwsErrors {

  private static final int MAX_AWS_MESSAGE = 300;
  private static final Pattern REQUEST_ID =
      Pattern.compile(
          "(?i)\\b(request ?id|requestid|x-amzn-requestid|extended request id)\\s*[:=]?\\s*[\\w\\-/+=]+");
  private static final Pattern UUID =
      Pattern.compile(
          "\\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\\b");

  /**
   * Base64 or hex runs this long are ciphertexts, tokens or keys, never something a human needs to
   * read.
   */
  private static final Pattern OPAQUE_RUN = Pattern.compile("[A-Za-z0-9+/=_\\-]{48,}");

  private static final Set<String> ACCESS_DENIED =
      Set.of(
          "accessdenied",
          "accessdeniedexception",
          "unrecognizedclientexception",
          "invalidclienttokenid",
          "expiredtokenexception",
          "expiredtoken",
          "invalidsignatureexception",
          "signaturedoesnotmatch",
          "missingauthenticationtokenexception",
          "notauthorized",
          "kmsaccessdeniedexception",
          "authorizationerrorexception",
          "idpcommunicationerror",
          "invalididentitytoken",
          "idprejectedclaim");
  private static final Set<String> THROTTLED =
      Set.of(
          "throttlingexception",
          "throttling",
          "toomanyrequestsexception",
          "provisionedthroughputexceededexception",
          "requestlimitexceeded",
          "limitexceededexception",
          "slowdown",
          "requestthrottledexception",
          "requestthrottled",
          "transactioninprogressexception");
  private static final Set<String> NOT_FOUND =
      Set.of("resourcenotfoundexception", "notfoundexception", "notfound");

  /**
   * Refusals to decrypt: the ciphertext, the context or the key's state is wrong. KMS's own server
   * errors (KMSInternalException, KeyUnavailableException, DependencyTimeoutException, all HTTP 500
   * and retryable) are not here: they say KMS is unavailable, not that the data cannot be
   * decrypted.
   */
  private static final Set<String> DECRYPT_FAILED =
      Set.of(
          "invalidciphertextexception",
          "incorrectkeyexception",
          "decryptionfailure",
          "kmsinvalidstateexception",
          "disabledexception",
          "kmsdisabledexception",
          "kmsnotfoundexception",
          "kmsinvalidmacexception",
          "invalidkeyusageexception",
          "kmsoptinrequired");

  private AwsErrors() {}

  /**
   * Classifies an SDK failure.
   *
   * @param what a short description of the call for the message, for example {@code "KMS Decrypt of
   *     APP.dev.db_password v3"}; must not contain a value
   */
  public static BackendError classify(String what, Throwable failure) {
    Throwable t = unwrap(failure);
    if (t instanceof AwsServiceException ase) {
      String code = ase.awsErrorDetails() == null ? null : ase.awsErrorDetails().errorCode();
      int status = ase.statusCode();
      ErrorKind kind = kindFor(code, status, ase.isThrottlingException());
      StringBuilder msg = new StringBuilder(what).append(" failed: ");
      msg.append(code == null ? "HTTP " + status : code + " (HTTP " + status + ")");
      String awsMessage =
          ase.awsErrorDetails() == null ? null : ase.awsErrorDetails().errorMessage();
      String clean = sanitize(awsMessage);
      if (!clean.isEmpty()) {
        msg.append(": ").append(clean);
      }
      return BackendError.of(kind, msg.toString());
    }
    if (t instanceof SdkClientException) {
      // No answer from the service: DNS, connection refused, timeouts, or retries exhausted on I/O
      // errors.
      return BackendError.of(
          ErrorKind.UNAVAILABLE,
          what + " failed: service unreachable (" + sanitize(rootMessage(t)) + ")");
    }
    if (t instanceof SdkException) {
      return BackendError.of(ErrorKind.UNAVAILABLE, what + " failed: " + sanitize(t.getMessage()));
    }
    return BackendError.of(
        ErrorKind.UNAVAILABLE, what + " failed unexpectedly: " + t.getClass().getSimpleName());
  }

  /** The kind of an SDK failure alone, for counting (see {@code AwsErrorCounter}). */
  public static ErrorKind kindOf(Throwable failure) {
    return classify("AWS call", failure).kind();
  }

  static ErrorKind kindFor(String code, int httpStatus, boolean sdkSaysThrottled) {
    String c = code == null ? "" : code.toLowerCase(Locale.ROOT);
    if (sdkSaysThrottled || THROTTLED.contains(c) || httpStatus == 429) {
      return ErrorKind.THROTTLED;
    }
    if (ACCESS_DENIED.contains(c) || httpStatus == 403) {
      return ErrorKind.ACCESS_DENIED;
    }
    if (DECRYPT_FAILED.contains(c)) {
      return ErrorKind.DECRYPT_FAILED;
    }
    if (NOT_FOUND.contains(c) || httpStatus == 404) {
      return ErrorKind.NOT_FOUND;
    }
    if (httpStatus >= 500 || c.contains("internal") || c.contains("serviceunavailable")) {
      return ErrorKind.UNAVAILABLE;
    }
    if (c.contains("validation")
        || c.contains("invalidparameter")
        || c.contains("invalidrequest")) {
      return ErrorKind.INVALID_REQUEST;
    }
    return ErrorKind.UNAVAILABLE;
  }

  /** Removes request ids, UUIDs and long opaque runs, folds whitespace, and bounds the length. */
  public static String sanitize(String message) {
    if (message == null) {
      return "";
    }
    String s = REQUEST_ID.matcher(message).replaceAll("");
    s = UUID.matcher(s).replaceAll("<id>");
    s = OPAQUE_RUN.matcher(s).replaceAll("<redacted>");
    s = s.replaceAll("\\s+", " ").trim();
    s = s.replaceAll("[\\s(,;]+\\)?$", "").trim();
    if (s.length() > MAX_AWS_MESSAGE) {
      s = s.substring(0, MAX_AWS_MESSAGE) + "...";
    }
    return s;
  }

  private static Throwable unwrap(Throwable t) {
    Throwable current = t;
    while ((current instanceof java.util.concurrent.CompletionException
            || current instanceof java.util.concurrent.ExecutionException)
        && current.getCause() != null) {
      current = current.getCause();
    }
    return current;
  }

  private static String rootMessage(Throwable t) {
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String m = root.getMessage();
    return root.getClass().getSimpleName() + (m == null ? "" : ": " + m);
  }
}
