package dev.fidelius.writer.fidelius;

import dev.fidelius.operator.backend.AwsErrors;
import dev.fidelius.operator.backend.Outcome;
import java.util.Objects;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The {@code updatedBy} Fidelius records for a writer: the caller's ARN with everything up to and
 * including {@code :assumed-role/} removed, so {@code
 * arn:aws:sts::123456789012:assumed-role/Ops/jane} becomes {@code Ops/jane}; any other ARN is kept
 * whole, as the Fidelius SDK does.
 */
public final class UpdatedBy {

  private static final String ASSUMED_ROLE = ":assumed-role/";

  private UpdatedBy() {}

  public static String fromCallerArn(String arn) {
    Objects.requireNonNull(arn, "arn");
    int at = arn.indexOf(ASSUMED_ROLE);
    return at < 0 ? arn : arn.substring(at + ASSUMED_ROLE.length());
  }

  /** Asks STS who the caller is (GetCallerIdentity needs no permission). */
  public static Outcome<String> ofCaller(StsClient sts) {
    try {
      return Outcome.ok(fromCallerArn(sts.getCallerIdentity().arn()));
    } catch (SdkException e) {
      return Outcome.failed(AwsErrors.classify("STS GetCallerIdentity", e));
    }
  }
}
