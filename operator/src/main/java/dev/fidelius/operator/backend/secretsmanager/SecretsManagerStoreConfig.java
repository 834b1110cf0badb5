package dev.fidelius.operator.backend.secretsmanager;

import dev.fidelius.operator.aws.AwsEndpoints;
import java.util.Objects;
import software.amazon.awssdk.regions.Region;

/**
 * How one store ({@code spec.provider.secretsManager}) maps Fidelius coordinates onto Secrets
 * Manager.
 *
 * @param region where the secrets live
 * @param endpoints endpoint overrides (only {@code secretsManager} is used here)
 * @param naming how an application, component, sdlc and short name form a secret name
 * @param discovery how listings (change detection, {@code dataFrom}) find the secrets of a scope
 * @param versionStage the staging label that {@link
 *     dev.fidelius.operator.backend.VersionSelector#LATEST} means, and whose version change
 *     detection reports
 * @param storeKey separates this store's entries in the shared value cache; it must differ between
 *     stores and between identities reading the same account, because a version cached for one
 *     identity must not be served to another that may lack access to it
 */
public record SecretsManagerStoreConfig(
    Region region,
    AwsEndpoints endpoints,
    Naming naming,
    Discovery discovery,
    String versionStage,
    String storeKey) {

  /**
   * The stage Secrets Manager moves to each new version, and the only one BatchGetSecretValue
   * returns.
   */
  public static final String AWSCURRENT = "AWSCURRENT";

  /**
   * How a secret's name is formed; both apply the Fidelius case rules (application upper, the rest
   * lower).
   */
  public enum Naming {
    /**
     * {@code APP.component.sdlc.short}, or {@code APP.sdlc.short} without a component: the Fidelius
     * full name.
     */
    FULL_NAME,
    /**
     * {@code APP/component/sdlc/short}, or {@code APP/sdlc/short}: for accounts that name secrets
     * as paths.
     */
    PATH
  }

  /**
   * How listings decide which secrets belong to a scope. Reads always go by name, so a
   * FideliusSecret can only reach names inside its own scope whichever discovery is chosen.
   */
  public enum Discovery {
    /** A secret belongs to a scope when its name starts with the scope's prefix. */
    NAME_PREFIX,
    /**
     * Additionally, its {@code Application}, {@code SDLC} and (when the scope has one) {@code
     * Component} tags must name the scope, with the same case rules as names. This agrees with IAM
     * policies that grant access by tag, and settles names a dotted short name makes ambiguous
     * ({@code APP.dev.prod.x} is component {@code dev}, sdlc {@code prod} only when its tags say
     * so).
     */
    TAGS
  }

  public SecretsManagerStoreConfig {
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(storeKey, "storeKey");
    if (storeKey.isBlank()) {
      throw new IllegalArgumentException("storeKey must not be blank");
    }
    endpoints = endpoints == null ? AwsEndpoints.DEFAULTS : endpoints;
    naming = naming == null ? Naming.FULL_NAME : naming;
    discovery = discovery == null ? Discovery.NAME_PREFIX : discovery;
    versionStage = versionStage == null || versionStage.isBlank() ? AWSCURRENT : versionStage;
  }

  /** The defaults: full names, discovery by name prefix, AWSCURRENT, regional endpoint. */
  public static SecretsManagerStoreConfig of(Region region, String storeKey) {
    return new SecretsManagerStoreConfig(region, null, null, null, null, storeKey);
  }

  public SecretsManagerStoreConfig withEndpoints(AwsEndpoints newEndpoints) {
    return new SecretsManagerStoreConfig(
        region, newEndpoints, naming, discovery, versionStage, storeKey);
  }

  public SecretsManagerStoreConfig withNaming(Naming newNaming) {
    return new SecretsManagerStoreConfig(
        region, endpoints, newNaming, discovery, versionStage, storeKey);
  }

  public SecretsManagerStoreConfig withDiscovery(Discovery newDiscovery) {
    return new SecretsManagerStoreConfig(
        region, endpoints, naming, newDiscovery, versionStage, storeKey);
  }

  public SecretsManagerStoreConfig withVersionStage(String newVersionStage) {
    return new SecretsManagerStoreConfig(
        region, endpoints, naming, discovery, newVersionStage, storeKey);
  }
}
