package dev.fidelius.writer.parameterstore;

import dev.fidelius.operator.backend.AwsErrors;
import dev.fidelius.operator.backend.ErrorKind;
import dev.fidelius.operator.backend.Outcome;
import dev.fidelius.operator.backend.SecretId;
import dev.fidelius.operator.backend.parameterstore.ParameterNaming;
import dev.fidelius.operator.backend.parameterstore.ParameterStoreConfig;
import dev.fidelius.writer.ValueCallErrors;
import dev.fidelius.writer.fidelius.VersionHistoryEntry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.GetParameterHistoryRequest;
import software.amazon.awssdk.services.ssm.model.GetParameterHistoryResponse;
import software.amazon.awssdk.services.ssm.model.ParameterHistory;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;
import software.amazon.awssdk.services.ssm.model.ParameterTier;
import software.amazon.awssdk.services.ssm.model.ParameterType;
import software.amazon.awssdk.services.ssm.model.PutParameterRequest;

/**
 * Writes, deletes and audits parameters under the names the operator reads ({@link
 * ParameterNaming}): a put is a new version of a SecureString, encrypted under the store's KMS key
 * (Parameter Store's default key {@code alias/aws/ssm} without one), in the advanced tier when the
 * value is over the standard tier's 4 KB; a delete removes the parameter with every version.
 */
public final class ParameterStoreWriter {

  /** The standard tier's limit; larger values need the advanced tier (which costs money). */
  static final int STANDARD_MAX_BYTES = 4096;

  /** The advanced tier's limit. */
  static final int ADVANCED_MAX_BYTES = 8192;

  private final SsmClient client;
  private final ParameterNaming naming;
  private final String kmsKeyId;

  /**
   * @param kmsKeyId the key SecureStrings are encrypted under; null for Parameter Store's default
   */
  public ParameterStoreWriter(SsmClient client, ParameterStoreConfig config, String kmsKeyId) {
    this.client = Objects.requireNonNull(client, "client");
    this.naming = ParameterNaming.of(config);
    this.kmsKeyId = kmsKeyId == null || kmsKeyId.isBlank() ? null : kmsKeyId;
  }

  /**
   * @return the new version's number
   */
  public Outcome<String> put(SecretId id, String value) {
    Objects.requireNonNull(value, "value");
    Optional<String> problem = naming.problemWith(id);
    if (problem.isPresent()) {
      return Outcome.failed(ErrorKind.INVALID_REQUEST, problem.get());
    }
    String name = naming.parameterName(id);
    int bytes = value.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > ADVANCED_MAX_BYTES) {
      return Outcome.failed(
          ErrorKind.INVALID_REQUEST,
          "the value for "
              + name
              + " is "
              + bytes
              + " bytes; Parameter Store holds at most "
              + ADVANCED_MAX_BYTES
              + " (advanced tier)");
    }
    PutParameterRequest.Builder request =
        PutParameterRequest.builder()
            .name(name)
            .value(value)
            .type(ParameterType.SECURE_STRING)
            .overwrite(true)
            .tier(bytes > STANDARD_MAX_BYTES ? ParameterTier.ADVANCED : ParameterTier.STANDARD);
    if (kmsKeyId != null) {
      request.keyId(kmsKeyId);
    }
    try {
      return Outcome.ok(String.valueOf(client.putParameter(request.build()).version()));
    } catch (SdkException e) {
      return Outcome.failed(ValueCallErrors.classify("PutParameter of " + name, e));
    }
  }

  /**
   * Every version Parameter Store keeps (its last hundred), newest first, with when and by whom
   * each was written. Values are not decrypted, and not kept.
   */
  public Outcome<List<VersionHistoryEntry>> history(SecretId id) {
    String name = naming.parameterName(id);
    try {
      List<VersionHistoryEntry> versions = new ArrayList<>();
      for (GetParameterHistoryResponse page :
          client.getParameterHistoryPaginator(
              GetParameterHistoryRequest.builder().name(name).withDecryption(false).build())) {
        for (ParameterHistory v : page.parameters()) {
          versions.add(
              new VersionHistoryEntry(
                  String.valueOf(v.version()), v.lastModifiedUser(), v.lastModifiedDate()));
        }
      }
      versions.sort(
          Comparator.comparing((VersionHistoryEntry v) -> Long.parseLong(v.version())).reversed());
      return Outcome.ok(versions);
    } catch (ParameterNotFoundException absent) {
      return Outcome.failed(ErrorKind.NOT_FOUND, name + " does not exist in Parameter Store");
    } catch (SdkException e) {
      return Outcome.failed(AwsErrors.classify("GetParameterHistory of " + name, e));
    }
  }

  /**
   * Deletes the parameter with every version.
   *
   * @return 1, or 0 when it did not exist
   */
  public Outcome<Integer> delete(SecretId id) {
    String name = naming.parameterName(id);
    try {
      client.deleteParameter(b -> b.name(name));
      return Outcome.ok(1);
    } catch (ParameterNotFoundException absent) {
      return Outcome.ok(0);
    } catch (SdkException e) {
      return Outcome.failed(AwsErrors.classify("DeleteParameter of " + name, e));
    }
  }
}
