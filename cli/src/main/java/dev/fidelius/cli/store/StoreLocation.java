package dev.fidelius.cli.store;

import dev.fidelius.operator.aws.AwsEndpoints;
import dev.fidelius.operator.backend.fidelius.ContextKeys;
import dev.fidelius.operator.backend.secretsmanager.SecretsManagerStoreConfig.Naming;
import java.util.Objects;
import software.amazon.awssdk.regions.Region;

/**
 * Where a store lives and how to reach it, whichever way it was named (cluster resource, config
 * file or flags). Credentials are the user's own: a profile or the default chain, and the role to
 * assume with them.
 *
 * @param description how messages name the store, e.g. {@code ClusterFideliusStore "fidelius-prod"}
 * @param table the Fidelius table (null for the default)
 * @param kmsKeyId the key new Fidelius versions are encrypted under (null for the default)
 */
public record StoreLocation(
    String description,
    ProviderKind provider,
    Region region,
    String table,
    String kmsKeyId,
    ContextKeys contextKeys,
    boolean componentFallback,
    Naming naming,
    AwsEndpoints endpoints,
    String roleArn,
    String externalId,
    String profile) {

  public StoreLocation {
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(region, "region");
    endpoints = endpoints == null ? AwsEndpoints.DEFAULTS : endpoints;
    naming = naming == null ? Naming.FULL_NAME : naming;
  }
}
