package dev.fidelius.operator.backend.secretsmanager;

import dev.fidelius.operator.backend.ErrorKind;
import dev.fidelius.operator.backend.Outcome;
import dev.fidelius.operator.backend.SecretValue;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.SecretValueEntry;

/**
 * One version read from Secrets Manager, checked to fit a Kubernetes Secret: SecretString becomes a
 * text value, SecretBinary a binary one.
 *
 * @param arn identifies the secret across deletion and re-creation under the same name, which the
 *     value cache needs: writers that choose their own version ids (ESO's PushSecret counts
 *     00000000-...-000000000001 up) start again from the same ids after a re-creation
 * @param stages the staging labels on this version when it was read
 */
record FetchedVersion(String arn, List<String> stages, SecretValue value) {

  /**
   * The most a Kubernetes Secret can hold (etcd's request limit); a value above it can never be
   * synced.
   */
  static final int KUBERNETES_SECRET_LIMIT = 1024 * 1024;

  FetchedVersion {
    stages = List.copyOf(stages);
  }

  static Outcome<FetchedVersion> of(GetSecretValueResponse r) {
    return of(
        r.arn(),
        r.name(),
        r.versionId(),
        r.versionStages(),
        r.secretString(),
        r.secretBinary(),
        r.createdDate());
  }

  static Outcome<FetchedVersion> of(SecretValueEntry e) {
    return of(
        e.arn(),
        e.name(),
        e.versionId(),
        e.versionStages(),
        e.secretString(),
        e.secretBinary(),
        e.createdDate());
  }

  boolean hasStage(String stage) {
    return stages.contains(stage);
  }

  String name() {
    return value.resolvedName();
  }

  String versionId() {
    return value.version();
  }

  private static Outcome<FetchedVersion> of(
      String arn,
      String name,
      String versionId,
      List<String> stages,
      String secretString,
      SdkBytes secretBinary,
      Instant createdDate) {
    if (arn == null || name == null || versionId == null) {
      return Outcome.failed(
          ErrorKind.MALFORMED,
          "Secrets Manager answered for secret " + name + " without its ARN, name or version id");
    }
    byte[] bytes;
    boolean binary;
    if (secretString != null) {
      bytes = secretString.getBytes(StandardCharsets.UTF_8);
      binary = false;
    } else if (secretBinary != null) {
      bytes = secretBinary.asByteArray();
      binary = true;
    } else {
      return Outcome.failed(
          ErrorKind.MALFORMED,
          "Secrets Manager secret "
              + name
              + " version "
              + versionId
              + " has neither SecretString nor SecretBinary");
    }
    if (bytes.length > KUBERNETES_SECRET_LIMIT) {
      return Outcome.failed(
          ErrorKind.INVALID_REQUEST,
          "Secrets Manager secret "
              + name
              + " version "
              + versionId
              + " holds "
              + bytes.length
              + " bytes, more than the "
              + KUBERNETES_SECRET_LIMIT
              + " bytes a Kubernetes Secret can hold");
    }
    return Outcome.ok(
        new FetchedVersion(
            arn, stages, new SecretValue(name, versionId, bytes, binary, createdDate)));
  }
}
