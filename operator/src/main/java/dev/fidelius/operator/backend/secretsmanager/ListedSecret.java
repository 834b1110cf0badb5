package dev.fidelius.operator.backend.secretsmanager;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.SecretListEntry;
import software.amazon.awssdk.services.secretsmanager.model.Tag;

/**
 * What ListSecrets or DescribeSecret say about a secret, without its value: enough to tell which
 * version carries a stage, whether it belongs to a scope, and whether it is on its way out.
 *
 * @param versionsToStages every version that carries a staging label, with its labels
 */
record ListedSecret(
    String name,
    String arn,
    Map<String, List<String>> versionsToStages,
    Map<String, String> tags,
    boolean scheduledForDeletion) {

  ListedSecret {
    versionsToStages = Map.copyOf(versionsToStages);
    tags = Map.copyOf(tags);
  }

  static ListedSecret of(SecretListEntry entry) {
    return new ListedSecret(
        entry.name(),
        entry.arn(),
        entry.secretVersionsToStages(),
        tagMap(entry.tags()),
        entry.deletedDate() != null);
  }

  static ListedSecret of(DescribeSecretResponse described) {
    return new ListedSecret(
        described.name(),
        described.arn(),
        described.versionIdsToStages(),
        tagMap(described.tags()),
        described.deletedDate() != null);
  }

  /**
   * The version carrying the staging label; Secrets Manager attaches each label to at most one
   * version.
   */
  Optional<String> versionWithStage(String stage) {
    return versionsToStages.entrySet().stream()
        .filter(e -> e.getValue() != null && e.getValue().contains(stage))
        .map(Map.Entry::getKey)
        .findFirst();
  }

  private static Map<String, String> tagMap(List<Tag> tags) {
    return tags.stream()
        .filter(t -> t.key() != null && t.value() != null)
        .collect(Collectors.toMap(Tag::key, Tag::value, (first, second) -> first));
  }
}
