package dev.fidelius.operator.backend.secretsmanager;

import dev.fidelius.operator.backend.SecretId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;
import software.amazon.awssdk.services.secretsmanager.model.Tag;

/**
 * Arranges secrets in moto the way an AWS user would, with the plain SDK client. Names are spelled
 * out here rather than taken from {@link SecretsManagerNaming}, so that a naming bug cannot hide by
 * writing and reading the same wrong name.
 */
final class MotoSecrets {

  private final SecretsManagerClient client;

  MotoSecrets(SecretsManagerClient client) {
    this.client = client;
  }

  /** {@code APP.component.sdlc.short}, or {@code APP.sdlc.short}. */
  static String fullName(SecretId id) {
    return String.join(".", segments(id));
  }

  /** {@code APP/component/sdlc/short}, or {@code APP/sdlc/short}. */
  static String pathName(SecretId id) {
    return String.join("/", segments(id));
  }

  private static List<String> segments(SecretId id) {
    String application = id.scope().application().toUpperCase(Locale.ROOT);
    String sdlc = id.scope().sdlc().toLowerCase(Locale.ROOT);
    return id.scope()
        .componentIfAny()
        .map(c -> List.of(application, c.toLowerCase(Locale.ROOT), sdlc, id.name()))
        .orElse(List.of(application, sdlc, id.name()));
  }

  /**
   * Writes a new AWSCURRENT text version, creating the secret when needed; returns the version id.
   */
  String put(String name, String value) {
    try {
      return client.putSecretValue(b -> b.secretId(name).secretString(value)).versionId();
    } catch (ResourceNotFoundException absent) {
      return client.createSecret(b -> b.name(name).secretString(value)).versionId();
    }
  }

  /** Creates a secret holding bytes (SecretBinary); returns the version id. */
  String createBinary(String name, byte[] value) {
    return client
        .createSecret(b -> b.name(name).secretBinary(SdkBytes.fromByteArray(value)))
        .versionId();
  }

  /** Creates a text secret with tags; returns the version id. */
  String createTagged(String name, String value, Map<String, String> tags) {
    List<Tag> tagList =
        tags.entrySet().stream()
            .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build())
            .toList();
    return client.createSecret(b -> b.name(name).secretString(value).tags(tagList)).versionId();
  }

  /**
   * Adds a version carrying only the given label (AWSCURRENT stays where it is); returns its id.
   */
  String putWithStage(String name, String value, String stage) {
    return client
        .putSecretValue(b -> b.secretId(name).secretString(value).versionStages(stage))
        .versionId();
  }

  /** Schedules the secret for deletion with the default recovery window, as the console does. */
  void scheduleDeletion(String name) {
    client.deleteSecret(b -> b.secretId(name));
  }
}
