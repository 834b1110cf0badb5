package dev.fidelius.operator.backend.secretsmanager;

import dev.fidelius.operator.backend.Outcome;
import dev.fidelius.operator.backend.VersionSelector;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueRequest;

/** Reads one version of one secret with GetSecretValue, by version id or by staging label. */
final class DirectValueFetcher {

  private final SecretsManagerApi api;

  DirectValueFetcher(SecretsManagerApi api) {
    this.api = api;
  }

  /**
   * @param selector an {@link VersionSelector.Exact} or a {@link VersionSelector.Stage}
   */
  Outcome<FetchedVersion> fetch(String name, VersionSelector selector) {
    GetSecretValueRequest.Builder request = GetSecretValueRequest.builder().secretId(name);
    if (selector instanceof VersionSelector.Exact exact) {
      request.versionId(exact.versionId());
    } else if (selector instanceof VersionSelector.Stage stage) {
      request.versionStage(stage.label());
    } else {
      throw new IllegalArgumentException("resolve " + selector + " to a stage first");
    }
    try {
      return FetchedVersion.of(api.getSecretValue(request.build()));
    } catch (RuntimeException e) {
      return Outcome.failed(
          SecretsManagerErrors.ofCall(
              name, "Secrets Manager GetSecretValue of " + name + " (" + selector + ")", e));
    }
  }
}
