package dev.fidelius.operator.backend.fidelius;

import dev.fidelius.operator.backend.AwsErrors;
import dev.fidelius.operator.backend.ErrorKind;
import dev.fidelius.operator.backend.Outcome;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/**
 * Runs a DynamoDB step that may throw and returns its outcome instead: AWS SDK failures become
 * typed errors through {@link AwsErrors}, anything else (a bug) becomes UNAVAILABLE and is logged
 * by class and stack, so that one bad secret never aborts a batch and no exception reaches a
 * poller.
 */
public final class CallGuard {

  private static final Logger LOG = LoggerFactory.getLogger(CallGuard.class);

  private CallGuard() {}

  /**
   * @param what the step for the message, e.g. {@code "Query for the newest version of APP.dev.db"}
   */
  public static <T> Outcome<T> run(String what, Supplier<Outcome<T>> step) {
    try {
      return step.get();
    } catch (ResourceNotFoundException missingTable) {
      // DynamoDB says so of a table, never of an item: it must not read as a confirmed NOT_FOUND of
      // the
      // secret, which may lead to deleting a synced Kubernetes Secret over a mistyped table name.
      return Outcome.failed(
          ErrorKind.UNAVAILABLE,
          what
              + " failed: the table does not exist (or is not active)"
              + " in this account and region");
    } catch (SdkException e) {
      return Outcome.failed(AwsErrors.classify(what, e));
    } catch (RuntimeException e) {
      // Our own code threw: log where (no value can be in a stack trace of the parsing or crypto
      // code).
      LOG.warn("{} failed unexpectedly", what, e);
      return Outcome.failed(AwsErrors.classify(what, e));
    }
  }
}
