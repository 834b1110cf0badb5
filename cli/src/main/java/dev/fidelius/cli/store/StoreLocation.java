package dev.fidelius.cli.store;

import dev.fidelius.operator.aws.AwsEndpoints;
import dev.fidelius.operator.backend.fidelius.ContextKeys;
import dev.fidelius.operator.backend.s3.S3StoreConfig.Encryption;
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
 * @param kmsKeyId the key new versions are encrypted under (null for the store's default: Fidelius
 *     alias/credstash, Parameter Store alias/aws/ssm, S3 server-side SSE-S3; S3 KmsEnvelope needs
 *     one)
 * @param prefix Parameter Store path or S3 key prefix (null for none)
 * @param bucket the S3 bucket (S3 only)
 * @param encryption how S3 objects hold values (S3 only)
 * @param fideliusContext whether S3 envelope objects use the Fidelius encryption context
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
    String profile,
    String prefix,
    String bucket,
    Encryption encryption,
    boolean fideliusContext) {

  public StoreLocation {
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(region, "region");
    endpoints = endpoints == null ? AwsEndpoints.DEFAULTS : endpoints;
    naming = naming == null ? Naming.FULL_NAME : naming;
    encryption = encryption == null ? Encryption.KMS_ENVELOPE : encryption;
  }
}
