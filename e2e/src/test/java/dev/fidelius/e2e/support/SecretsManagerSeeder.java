package dev.fidelius.e2e.support;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Writes Secrets Manager secrets in moto as a team would (CreateSecret, PutSecretValue), choosing
 * each version id itself (ClientRequestToken). It remembers the current version of every secret it
 * wrote, so a restarted moto can be given back exactly the same secrets, versions included.
 */
public final class SecretsManagerSeeder {

  /** The current version of one secret. */
  public record Version(String versionId, String value) {}

  private volatile SecretsManagerClient client;
  private final Map<String, Version> current = new ConcurrentHashMap<>();

  public SecretsManagerSeeder(SecretsManagerClient client) {
    this.client = client;
  }

  public String create(String name, String value) {
    String version = UUID.randomUUID().toString();
    client.createSecret(b -> b.name(name).secretString(value).clientRequestToken(version));
    current.put(name, new Version(version, value));
    return version;
  }

  /** A new AWSCURRENT version (a rotation). */
  public String put(String name, String value) {
    String version = UUID.randomUUID().toString();
    client.putSecretValue(b -> b.secretId(name).secretString(value).clientRequestToken(version));
    current.put(name, new Version(version, value));
    return version;
  }

  public Version current(String name) {
    return current.get(name);
  }

  /**
   * Re-creates every secret, with its current version id and value, through another client (a new
   * moto).
   */
  public void restoreInto(SecretsManagerClient fresh) {
    this.client = fresh;
    current.forEach(
        (name, v) ->
            fresh.createSecret(
                b -> b.name(name).secretString(v.value()).clientRequestToken(v.versionId())));
  }
}
