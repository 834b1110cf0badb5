package dev.fidelius.operator.aws;

import java.net.URI;
import java.util.Optional;

/**
 * Optional endpoint overrides per service (VPC endpoints, FIPS endpoints, local emulators). A null
 * entry means the SDK's regional default.
 */
public record AwsEndpoints(URI dynamodb, URI kms, URI secretsManager, URI sts, URI ssm, URI s3) {

  public static final AwsEndpoints DEFAULTS = new AwsEndpoints(null, null, null, null, null, null);

  /** Overrides for the services of the Fidelius store and Secrets Manager only. */
  public AwsEndpoints(URI dynamodb, URI kms, URI secretsManager, URI sts) {
    this(dynamodb, kms, secretsManager, sts, null, null);
  }

  /** Every service at one URL, as with a single local emulator. */
  public static AwsEndpoints all(URI uri) {
    return new AwsEndpoints(uri, uri, uri, uri, uri, uri);
  }

  public Optional<URI> dynamodbOverride() {
    return Optional.ofNullable(dynamodb);
  }

  public Optional<URI> kmsOverride() {
    return Optional.ofNullable(kms);
  }

  public Optional<URI> secretsManagerOverride() {
    return Optional.ofNullable(secretsManager);
  }

  public Optional<URI> stsOverride() {
    return Optional.ofNullable(sts);
  }

  public Optional<URI> ssmOverride() {
    return Optional.ofNullable(ssm);
  }

  public Optional<URI> s3Override() {
    return Optional.ofNullable(s3);
  }
}
