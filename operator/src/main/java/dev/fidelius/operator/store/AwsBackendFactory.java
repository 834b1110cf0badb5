package dev.fidelius.operator.store;

import dev.fidelius.operator.api.DynamoDbProvider;
import dev.fidelius.operator.api.ParameterStoreProvider;
import dev.fidelius.operator.api.S3Encryption;
import dev.fidelius.operator.api.S3EncryptionContext;
import dev.fidelius.operator.api.S3Provider;
import dev.fidelius.operator.api.SecretsManagerDiscovery;
import dev.fidelius.operator.api.SecretsManagerNaming;
import dev.fidelius.operator.api.SecretsManagerProvider;
import dev.fidelius.operator.aws.AwsClientFactory;
import dev.fidelius.operator.aws.AwsEndpoints;
import dev.fidelius.operator.backend.SecretBackend;
import dev.fidelius.operator.backend.ValueCache;
import dev.fidelius.operator.backend.fidelius.ContextKeys;
import dev.fidelius.operator.backend.fidelius.FideliusReader;
import dev.fidelius.operator.backend.fidelius.FideliusStoreConfig;
import dev.fidelius.operator.backend.parameterstore.ParameterStoreBackend;
import dev.fidelius.operator.backend.parameterstore.ParameterStoreConfig;
import dev.fidelius.operator.backend.s3.S3Backend;
import dev.fidelius.operator.backend.s3.S3StoreConfig;
import dev.fidelius.operator.backend.secretsmanager.SecretsManagerBackend;
import dev.fidelius.operator.backend.secretsmanager.SecretsManagerStoreConfig;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/** Maps a store's provider spec onto the Fidelius (DynamoDB + KMS), Secrets Manager, Parameter Store or S3 backend. */
public final class AwsBackendFactory implements BackendFactory {

  private final AwsClientFactory clients;
  private final ValueCache cache;

  public AwsBackendFactory(AwsClientFactory clients, ValueCache cache) {
    this.clients = clients;
    this.cache = cache;
  }

  @Override
  public SecretBackend create(ResolvedStore store, AwsCredentialsProvider credentials, String cacheKey) {
    AwsEndpoints endpoints = StoreEndpointsMapper.toAws(store.spec().getEndpoints());
    var provider = store.spec().getProvider();
    if (provider.getParameterStore() != null) {
      return ParameterStoreBackend.connect(parameterStoreConfig(provider.getParameterStore(), endpoints, cacheKey),
          clients, credentials, cache);
    }
    if (provider.getS3() != null) {
      return S3Backend.connect(s3Config(provider.getS3(), endpoints, cacheKey), clients, credentials, cache);
    }
    if (provider.getDynamodb() != null) {
      FideliusStoreConfig config = fideliusConfig(provider.getDynamodb(), endpoints, cacheKey);
      return new FideliusReader(
          clients.dynamoDb(config.region(), credentials, endpoints.dynamodbOverride()),
          clients.kms(config.region(), credentials, endpoints.kmsOverride()),
          config, cache);
    }
    return SecretsManagerBackend.connect(secretsManagerConfig(provider.getSecretsManager(), endpoints, cacheKey),
        clients, credentials, cache);
  }

  static FideliusStoreConfig fideliusConfig(DynamoDbProvider p, AwsEndpoints endpoints, String cacheKey) {
    var keys = p.getContextKeys();
    ContextKeys contextKeys = keys == null ? ContextKeys.FIDELIUS_DEFAULTS : new ContextKeys(
        orDefault(keys.getApplication(), ContextKeys.FIDELIUS_DEFAULTS.application()),
        orDefault(keys.getSdlc(), ContextKeys.FIDELIUS_DEFAULTS.sdlc()),
        orDefault(keys.getComponent(), ContextKeys.FIDELIUS_DEFAULTS.component()));
    return new FideliusStoreConfig(p.getTable(), Region.of(p.getRegion()), endpoints, p.getKmsKeyId(), contextKeys,
        p.getComponentFallback() == null || p.getComponentFallback(), cacheKey);
  }

  static SecretsManagerStoreConfig secretsManagerConfig(SecretsManagerProvider p, AwsEndpoints endpoints,
      String cacheKey) {
    SecretsManagerStoreConfig.Naming naming = p.getNaming() == SecretsManagerNaming.Path
        ? SecretsManagerStoreConfig.Naming.PATH : SecretsManagerStoreConfig.Naming.FULL_NAME;
    SecretsManagerStoreConfig.Discovery discovery = p.getDiscovery() == SecretsManagerDiscovery.Tags
        ? SecretsManagerStoreConfig.Discovery.TAGS : SecretsManagerStoreConfig.Discovery.NAME_PREFIX;
    return new SecretsManagerStoreConfig(Region.of(p.getRegion()), endpoints, naming, discovery, p.getVersionStage(),
        cacheKey);
  }

  static ParameterStoreConfig parameterStoreConfig(ParameterStoreProvider p, AwsEndpoints endpoints,
      String cacheKey) {
    return new ParameterStoreConfig(Region.of(p.getRegion()), endpoints, p.getPrefix(),
        p.getComponentFallback() == null || p.getComponentFallback(), cacheKey);
  }

  static S3StoreConfig s3Config(S3Provider p, AwsEndpoints endpoints, String cacheKey) {
    S3StoreConfig.Encryption encryption = p.getEncryption() == S3Encryption.ServerSide
        ? S3StoreConfig.Encryption.SERVER_SIDE : S3StoreConfig.Encryption.KMS_ENVELOPE;
    return new S3StoreConfig(Region.of(p.getRegion()), endpoints, p.getBucket(), p.getPrefix(), encryption,
        p.getEncryptionContext() == S3EncryptionContext.Fidelius,
        p.getComponentFallback() == null || p.getComponentFallback(), cacheKey);
  }

  private static String orDefault(String value, String fallback) {
    return value == null || value.isBlank() ? fallback : value;
  }
}
