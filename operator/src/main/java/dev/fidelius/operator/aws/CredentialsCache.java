package dev.fidelius.operator.aws;

import java.net.URI;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
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
 * One credentials provider per (identity, region, STS endpoint). The STS providers cache their
 * session and refresh it before it expires, so reconciles make no STS call; the operator's own
 * identity comes from the SDK default chain, which on EKS reads the IRSA web identity token file
 * and refreshes likewise.
 *
 * <p>Bounded: tenants choose identities (a role ARN in a ServiceAccount annotation), so an identity
 * unused for the idle expiry is released, and beyond the most identities the least recently used is
 * released first. A released identity still works for whoever holds it; its next use costs one STS
 * call ({@link IdleTrackedCredentials}).
 */
public final class CredentialsCache implements AutoCloseable {

  private static final int SESSION_SECONDS = 3600;

  /** Idle identities are looked for at most this often, on use. */
  private static final long SWEEP_EVERY_MILLIS = 60_000;

  /** Makes the real provider of an identity; a seam for tests. */
  interface ProviderFactory {
    AwsCredentialsProvider create(AwsIdentity identity, Region region, Optional<URI> stsEndpoint);
  }

  /**
   * Builds the service clients of a {@link #connection}; null in tests that only exercise eviction.
   */
  private final AwsClientFactory clients;

  private final ProviderFactory factory;
  private final AwsCredentialsProvider operatorCredentials;
  private final LongSupplier millis;
  private final int maxIdentities;
  private final long idleMillis;
  private final Map<String, IdleTrackedCredentials> providers = new ConcurrentHashMap<>();
  private volatile long lastSweep;

  /** Defaults: 1000 identities, released after 2 hours unused. */
  public CredentialsCache(
      AwsClientFactory clients,
      AwsCredentialsProvider operatorCredentials,
      ServiceAccountTokenSource tokens) {
    this(clients, operatorCredentials, tokens, 1000, Duration.ofHours(2));
  }

  public CredentialsCache(
      AwsClientFactory clients,
      AwsCredentialsProvider operatorCredentials,
      ServiceAccountTokenSource tokens,
      int maxIdentities,
      Duration idleExpiry) {
    this(
        clients,
        new StsProviders(clients, operatorCredentials, tokens),
        operatorCredentials,
        System::currentTimeMillis,
        maxIdentities,
        idleExpiry);
  }

  CredentialsCache(
      ProviderFactory factory,
      AwsCredentialsProvider operatorCredentials,
      LongSupplier millis,
      int maxIdentities,
      Duration idleExpiry) {
    this(null, factory, operatorCredentials, millis, maxIdentities, idleExpiry);
  }

  private CredentialsCache(
      AwsClientFactory clients,
      ProviderFactory factory,
      AwsCredentialsProvider operatorCredentials,
      LongSupplier millis,
      int maxIdentities,
      Duration idleExpiry) {
    this.clients = clients;
    this.factory = factory;
    this.operatorCredentials = operatorCredentials;
    this.millis = millis;
    this.maxIdentities = maxIdentities;
    this.idleMillis = idleExpiry.toMillis();
    this.lastSweep = millis.getAsLong();
  }

  /** The production setup: the operator's identity from the SDK default chain. */
  public static CredentialsCache withDefaultChain(
      AwsClientFactory clients,
      ServiceAccountTokenSource tokens,
      int maxIdentities,
      Duration idleExpiry) {
    return new CredentialsCache(
        clients, DefaultCredentialsProvider.builder().build(), tokens, maxIdentities, idleExpiry);
  }

  /**
   * Credentials of {@code identity} for a store in {@code region} with the given endpoint
   * overrides.
   */
  public AwsConnection connection(AwsIdentity identity, String region, AwsEndpoints endpoints) {
    return new AwsConnection(
        clients, credentials(identity, Region.of(region), endpoints.stsOverride()), endpoints);
  }

  public AwsCredentialsProvider credentials(
      AwsIdentity identity, Region region, Optional<URI> stsEndpoint) {
    if (identity instanceof AwsIdentity.Operator) {
      return operatorCredentials;
    }
    String key =
        identity.key() + "@" + region.id() + "@" + stsEndpoint.map(URI::toString).orElse("");
    IdleTrackedCredentials tracked =
        providers.computeIfAbsent(
            key,
            k ->
                new IdleTrackedCredentials(
                    () -> factory.create(identity, region, stsEndpoint),
                    millis,
                    used -> readmit(k, used)));
    tracked.touch();
    evict(true);
    return tracked;
  }

  /** How many identities are cached (for metrics and tests). */
  public int size() {
    return providers.size();
  }

  /** A released identity used again by its holder comes back into the cache. */
  private void readmit(String key, IdleTrackedCredentials used) {
    if (providers.putIfAbsent(key, used) == null) {
      evict(true);
    } else {
      evict(false);
    }
  }

  /**
   * Releases idle identities (at most once a minute unless {@code force}), then the oldest beyond
   * the bound.
   */
  private void evict(boolean force) {
    long now = millis.getAsLong();
    if (force || now - lastSweep >= SWEEP_EVERY_MILLIS) {
      lastSweep = now;
      providers
          .entrySet()
          .removeIf(
              e -> {
                boolean idle = now - e.getValue().lastUsed() > idleMillis;
                if (idle) {
                  e.getValue().release();
                }
                return idle;
              });
    }
    while (providers.size() > maxIdentities) {
      providers.entrySet().stream()
          .min(Comparator.comparingLong(e -> e.getValue().lastUsed()))
          .ifPresent(
              oldest -> {
                if (providers.remove(oldest.getKey(), oldest.getValue())) {
                  oldest.getValue().release();
                }
              });
    }
  }

  /** The real providers: STS sessions for assumed roles and ServiceAccount tokens. */
  private record StsProviders(
      AwsClientFactory clients,
      AwsCredentialsProvider operatorCredentials,
      ServiceAccountTokenSource tokens)
      implements ProviderFactory {

    @Override
    public AwsCredentialsProvider create(
        AwsIdentity identity, Region region, Optional<URI> stsEndpoint) {
      return CredentialsCache.create(
          clients, operatorCredentials, tokens, identity, region, stsEndpoint);
    }
  }

  private static AwsCredentialsProvider create(
      AwsClientFactory clients,
      AwsCredentialsProvider operatorCredentials,
      ServiceAccountTokenSource tokens,
      AwsIdentity identity,
      Region region,
      Optional<URI> stsEndpoint) {
    if (identity instanceof AwsIdentity.AssumedRole role) {
      StsClient sts = clients.sts(region, operatorCredentials, stsEndpoint);
      List<Tag> tags =
          role.sessionTags().entrySet().stream()
              .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build())
              .toList();
      AssumeRoleRequest request =
          AssumeRoleRequest.builder()
              .roleArn(role.roleArn())
              .roleSessionName(role.sessionName())
              .externalId(role.externalId())
              .durationSeconds(SESSION_SECONDS)
              .tags(tags.isEmpty() ? null : tags)
              .build();
      return StsAssumeRoleCredentialsProvider.builder()
          .stsClient(sts)
          .refreshRequest(request)
          .build();
    }
    if (identity instanceof AwsIdentity.ServiceAccount sa) {
      // AssumeRoleWithWebIdentity is authenticated by the token itself, not by AWS credentials.
      StsClient sts = clients.sts(region, AnonymousCredentialsProvider.create(), stsEndpoint);
      String sessionName = sessionName("fidelius-" + sa.namespace() + "-" + sa.name());
      return StsAssumeRoleWithWebIdentityCredentialsProvider.builder()
          .stsClient(sts)
          .refreshRequest(
              () ->
                  AssumeRoleWithWebIdentityRequest.builder()
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
    providers.values().forEach(IdleTrackedCredentials::release);
    providers.clear();
  }
}
