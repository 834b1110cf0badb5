package dev.fidelius.cli.store;

import dev.fidelius.operator.aws.AwsClientFactory;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/**
 * The user's own AWS identity: a profile or the default chain (environment, SSO, instance role),
 * and, when the store or {@code --role-arn} names one, the role assumed with it. IAM then decides
 * what the user may do, as with Fidelius's Dev, Ops and Master roles.
 */
final class AwsIdentity {

  private AwsIdentity() {}

  static AwsCredentialsProvider of(StoreLocation store, AwsClientFactory clients) {
    AwsCredentialsProvider own =
        store.profile() != null
            ? ProfileCredentialsProvider.create(store.profile())
            : DefaultCredentialsProvider.builder().build();
    if (store.roleArn() == null) {
      return own;
    }
    StsClient sts = clients.sts(store.region(), own, store.endpoints().stsOverride());
    return StsAssumeRoleCredentialsProvider.builder()
        .stsClient(sts)
        .refreshRequest(
            b -> {
              b.roleArn(store.roleArn()).roleSessionName(sessionName());
              Optional.ofNullable(store.externalId()).ifPresent(b::externalId);
            })
        .build();
  }

  /** The user's login name where there is one, so that CloudTrail and updatedBy say who it was. */
  private static String sessionName() {
    String user = System.getProperty("user.name", "user").replaceAll("[^A-Za-z0-9+=,.@-]", "-");
    String name = "fidelius-cli-" + user;
    return name.length() > 64 ? name.substring(0, 64) : name;
  }
}
