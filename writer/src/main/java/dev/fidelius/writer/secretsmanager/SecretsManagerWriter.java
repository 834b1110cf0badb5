package dev.fidelius.writer.secretsmanager;

import dev.fidelius.operator.backend.AwsErrors;
import dev.fidelius.operator.backend.ErrorKind;
import dev.fidelius.operator.backend.FideliusCase;
import dev.fidelius.operator.backend.Outcome;
import dev.fidelius.operator.backend.SecretId;
import dev.fidelius.operator.backend.secretsmanager.SecretsManagerNaming;
import dev.fidelius.operator.backend.secretsmanager.SecretsManagerStoreConfig;
import dev.fidelius.writer.fidelius.VersionHistoryEntry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.ListSecretVersionIdsRequest;
import software.amazon.awssdk.services.secretsmanager.model.ListSecretVersionIdsResponse;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;
import software.amazon.awssdk.services.secretsmanager.model.SecretVersionsListEntry;
import software.amazon.awssdk.services.secretsmanager.model.Tag;

/**
 * Writes, deletes and audits secrets in Secrets Manager under the names the operator reads ({@link
 * SecretsManagerNaming}): a put is a new version (the secret is created, tagged with its
 * application, SDLC and component, on the first one), a delete removes the secret and every version
 * at once, as Fidelius deletes.
 */
public final class SecretsManagerWriter {

  private final SecretsManagerClient client;
  private final SecretsManagerNaming naming;

  public SecretsManagerWriter(SecretsManagerClient client, SecretsManagerStoreConfig config) {
    this.client = Objects.requireNonNull(client, "client");
    this.naming = new SecretsManagerNaming(config.naming());
  }

  /**
   * @return the new version's id
   */
  public Outcome<String> put(SecretId id, String value) {
    Objects.requireNonNull(value, "value");
    Optional<String> problem = naming.problemWith(id);
    if (problem.isPresent()) {
      return Outcome.failed(ErrorKind.INVALID_REQUEST, problem.get());
    }
    String name = naming.secretName(id);
    String token = UUID.randomUUID().toString();
    try {
      try {
        return Outcome.ok(
            client
                .putSecretValue(b -> b.secretId(name).secretString(value).clientRequestToken(token))
                .versionId());
      } catch (ResourceNotFoundException absent) {
        return Outcome.ok(
            client
                .createSecret(
                    b ->
                        b.name(name).secretString(value).clientRequestToken(token).tags(tagsOf(id)))
                .versionId());
      }
    } catch (SdkException e) {
      return Outcome.failed(AwsErrors.classify("Writing a new version of " + name, e));
    }
  }

  /**
   * Every version Secrets Manager still keeps, newest first, with its creation time; no value is
   * read.
   */
  public Outcome<List<VersionHistoryEntry>> history(SecretId id) {
    String name = naming.secretName(id);
    try {
      List<SecretVersionsListEntry> versions = new ArrayList<>();
      for (ListSecretVersionIdsResponse page :
          client.listSecretVersionIdsPaginator(
              ListSecretVersionIdsRequest.builder()
                  .secretId(name)
                  .includeDeprecated(true)
                  .build())) {
        versions.addAll(page.versions());
      }
      return Outcome.ok(
          versions.stream()
              .sorted(
                  Comparator.comparing(
                          SecretVersionsListEntry::createdDate,
                          Comparator.nullsFirst(Comparator.naturalOrder()))
                      .reversed())
              .map(v -> new VersionHistoryEntry(v.versionId(), null, v.createdDate()))
              .toList());
    } catch (ResourceNotFoundException absent) {
      return Outcome.failed(ErrorKind.NOT_FOUND, name + " does not exist in Secrets Manager");
    } catch (SdkException e) {
      return Outcome.failed(AwsErrors.classify("Listing the versions of " + name, e));
    }
  }

  /**
   * Deletes the secret with every version, without a recovery window, as Fidelius deletes.
   *
   * @return 1, or 0 when the secret did not exist
   */
  public Outcome<Integer> delete(SecretId id) {
    String name = naming.secretName(id);
    try {
      client.deleteSecret(b -> b.secretId(name).forceDeleteWithoutRecovery(true));
      return Outcome.ok(1);
    } catch (ResourceNotFoundException absent) {
      return Outcome.ok(0);
    } catch (SdkException e) {
      return Outcome.failed(AwsErrors.classify("Deleting " + name, e));
    }
  }

  private static List<Tag> tagsOf(SecretId id) {
    List<Tag> tags = new ArrayList<>();
    tags.add(
        Tag.builder()
            .key("Application")
            .value(FideliusCase.upper(id.scope().application()))
            .build());
    tags.add(Tag.builder().key("SDLC").value(FideliusCase.lower(id.scope().sdlc())).build());
    id.scope()
        .componentIfAny()
        .ifPresent(
            c -> tags.add(Tag.builder().key("Component").value(FideliusCase.lower(c)).build()));
    return tags;
  }
}
