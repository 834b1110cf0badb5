package dev.fidelius.operator.backend.secretsmanager;

import dev.fidelius.operator.memory.SharedStrings;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the latest listing or read said about each secret name: its ARN and which version carried
 * AWSCURRENT. The ARN turns a pinned version into a value-cache key without a call; the AWSCURRENT
 * version tells whether BatchGetSecretValue (which returns only AWSCURRENT) can answer a pinned
 * version at all. Either may be stale; neither is ever trusted for a value, only to choose which
 * call to make. Bounded, least recently used out. Thread-safe.
 */
final class SeenSecrets {

  /** What was seen of one name. {@code awsCurrentVersion} is null when unknown. */
  record Seen(String arn, String awsCurrentVersion) {
    Seen {
      arn = SharedStrings.of(arn);
      awsCurrentVersion = SharedStrings.of(awsCurrentVersion);
    }
  }

  private final Map<String, Seen> byName;

  SeenSecrets(int maxNames) {
    this.byName =
        new LinkedHashMap<>(64, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Seen> eldest) {
            return size() > maxNames;
          }
        };
  }

  synchronized void listed(ListedSecret secret) {
    if (secret.arn() != null) {
      byName.put(
          secret.name(),
          new Seen(
              secret.arn(),
              secret.versionWithStage(SecretsManagerStoreConfig.AWSCURRENT).orElse(null)));
    }
  }

  synchronized void fetched(FetchedVersion version) {
    if (version.hasStage(SecretsManagerStoreConfig.AWSCURRENT)) {
      byName.put(version.name(), new Seen(version.arn(), version.versionId()));
      return;
    }
    Seen before = byName.get(version.name());
    boolean sameSecret = before != null && Objects.equals(before.arn(), version.arn());
    byName.put(
        version.name(), new Seen(version.arn(), sameSecret ? before.awsCurrentVersion() : null));
  }

  synchronized Optional<String> arnOf(String name) {
    return Optional.ofNullable(byName.get(name)).map(Seen::arn);
  }

  synchronized Optional<String> awsCurrentVersionOf(String name) {
    return Optional.ofNullable(byName.get(name)).map(Seen::awsCurrentVersion);
  }
}
