package dev.fidelius.operator.aws;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleWithWebIdentityCredentialsProvider;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;
import software.amazon.awssdk.services.sts.model.AssumeRoleWithWebIdentityRequest;
import software.amazon.awssdk.services.sts.model.Tag;

/**
 * One credentials provider per (identity, region, STS endpoint), kept for the life of the operator. The STS
 * providers cache their session and refresh it in the background before it expires, so reconciles make no
 * STS call; the operator's own identity comes from the SDK default chain, which on EKS reads the IRSA web
 * identity token file and refreshes likewise.
 */
public final class CredentialsCache implements AutoCloseable {

  private static final int SESSION_SECONDS = 3600;

  private final AwsClientFactory clients;
  private final AwsCredentialsProvider operatorCredentials;
  private final ServiceAccountTokenSource tokens;
  private final Map<String, AwsCredentialsProvider> providers = new ConcurrentHashMap<>();

  public CredentialsCache(AwsClientFactory clients, AwsCredentialsProvider operatorCredentials,
      ServiceAccountTokenSource tokens) {
    this.clients = clients;
    this.operatorCredentials = operatorCredentials;
    this.tokens = tokens;
  }

  /** The production setup: the operator's identity from the SDK default chain. */
  public static CredentialsCache withDefaultChain(AwsClientFactory clients, ServiceAccountTokenSource tokens) {
    return new CredentialsCache(clients, DefaultCredentialsProvider.builder().build(), tokens);
  }

  /** Credentials of {@code identity} for a store in {@code region} with the given endpoint overrides. */
  public AwsConnection connection(AwsIdentity identity, String region, AwsEndpoints endpoints) {
    return new AwsConnection(clients, credentials(identity, Region.of(region), endpoints.stsOverride()), endpoints);
  }

  public AwsCredentialsProvider credentials(AwsIdentity identity, Region region, Optional<URI> stsEndpoint) {
    if (identity instanceof AwsIdentity.Operator) {
      return operatorCredentials;
    }
    String key = identity.key() + "@" + region.id() + "@" + stsEndpoint.map(URI::toString).orElse("");
    return providers.computeIfAbsent(key, k -> create(identity, region, stsEndpoint));
  }

  /** How many distinct identities have providers (for metrics and tests). */
  public int size() {
    return providers.size();
  }

  private AwsCredentialsProvider create(AwsIdentity identity, Region region, Optional<URI> stsEndpoint) {
    if (identity instanceof AwsIdentity.AssumedRole role) {
      StsClient sts = clients.sts(region, operatorCredentials, stsEndpoint);
      List<Tag> tags = role.sessionTags().entrySet().stream()
          .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build())
          .toList();
      AssumeRoleRequest request = AssumeRoleRequest.builder()
          .roleArn(role.roleArn())
          .roleSessionName(role.sessionName())
          .externalId(role.externalId())
          .durationSeconds(SESSION_SECONDS)
          .tags(tags.isEmpty() ? null : tags)
          .build();
      return StsAssumeRoleCredentialsProvider.builder().stsClient(sts).refreshRequest(request).build();
    }
    if (identity instanceof AwsIdentity.ServiceAccount sa) {
      // AssumeRoleWithWebIdentity is authenticated by the token itself, not by AWS credentials.
      StsClient sts = clients.sts(region, AnonymousCredentialsProvider.create(), stsEndpoint);
      String sessionName = sessionName("fidelius-" + sa.namespace() + "-" + sa.name());
      return StsAssumeRoleWithWebIdentityCredentialsProvider.builder()
          .stsClient(sts)
          .refreshRequest(() -> AssumeRoleWithWebIdentityRequest.builder()
              .roleArn(sa.roleArn())
              .roleSessionName(sessionName)
              .durationSeconds(SESSION_SECONDS)
              .webIdentityToken(tokens.token(sa.namespace(), sa.name(), sa.audience()))
              .build())
          .build();
    }
    throw new IllegalArgumentException("unknown identity " + identity.getClass().getSimpleName());
  }

  /** STS session names allow [\w+=,.@-] and at most 64 characters. */
  static String sessionName(String raw) {
    String cleaned = raw.replaceAll("[^\\w+=,.@-]", "-");
    return cleaned.length() <= 64 ? cleaned : cleaned.substring(0, 64);
  }

  @Override
  public void close() {
    providers.values().forEach(p -> {
      if (p instanceof AutoCloseable c) {
        try {
          c.close();
        } catch (Exception ignored) {
          // closing background refresh threads; nothing to recover
        }
      }
    });
    providers.clear();
  }
}
