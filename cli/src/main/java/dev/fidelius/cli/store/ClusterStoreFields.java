package dev.fidelius.cli.store;

import dev.fidelius.cli.CliFailure;
import dev.fidelius.operator.api.AssumeRoleAuth;
import dev.fidelius.operator.api.DynamoDbProvider;
import dev.fidelius.operator.api.FideliusStoreSpec;
import dev.fidelius.operator.api.ParameterStoreProvider;
import dev.fidelius.operator.api.S3Provider;
import dev.fidelius.operator.api.SecretsManagerProvider;
import dev.fidelius.operator.api.StoreEndpoints;
import java.util.HashMap;
import java.util.Map;

/** What a store resource's spec says, in config-file terms (see {@link ConfigFile}). */
final class ClusterStoreFields {

  private ClusterStoreFields() {}

  static Map<String, String> of(ClusterStores.Found found) {
    FideliusStoreSpec spec = found.spec();
    Map<String, String> fields = new HashMap<>();
    if (spec == null || spec.getProvider() == null) {
      throw CliFailure.usage(found.description() + " has no spec.provider");
    }
    DynamoDbProvider dynamodb = spec.getProvider().getDynamodb();
    SecretsManagerProvider secretsManager = spec.getProvider().getSecretsManager();
    ParameterStoreProvider parameterStore = spec.getProvider().getParameterStore();
    S3Provider s3 = spec.getProvider().getS3();
    if (dynamodb != null) {
      dynamodb(dynamodb, fields);
    } else if (secretsManager != null) {
      fields.put("provider", ProviderKind.SECRETS_MANAGER.flag());
      put(fields, "region", secretsManager.getRegion());
      if (secretsManager.getNaming() != null) {
        fields.put("naming", secretsManager.getNaming().name());
      }
    } else if (parameterStore != null) {
      fields.put("provider", ProviderKind.PARAMETER_STORE.flag());
      put(fields, "region", parameterStore.getRegion());
      put(fields, "prefix", parameterStore.getPrefix());
      put(fields, "kmsKeyId", parameterStore.getKmsKeyId());
      fallback(parameterStore.getComponentFallback(), fields);
    } else if (s3 != null) {
      s3(s3, fields);
    } else {
      throw CliFailure.usage(
          found.description()
              + " uses a provider this command line cannot act on yet (it knows "
              + ProviderKind.choices()
              + ")");
    }
    endpoints(spec.getEndpoints(), fields);
    AssumeRoleAuth assumeRole = spec.getAuth() == null ? null : spec.getAuth().getAssumeRole();
    if (assumeRole != null) {
      put(fields, "roleArn", assumeRole.getRoleArn());
      put(fields, "externalId", assumeRole.getExternalId());
    }
    return fields;
  }

  private static void dynamodb(DynamoDbProvider dynamodb, Map<String, String> fields) {
    fields.put("provider", ProviderKind.FIDELIUS.flag());
    put(fields, "region", dynamodb.getRegion());
    put(fields, "table", dynamodb.getTable());
    put(fields, "kmsKeyId", dynamodb.getKmsKeyId());
    if (dynamodb.getContextKeys() != null) {
      put(fields, "contextKeys.application", dynamodb.getContextKeys().getApplication());
      put(fields, "contextKeys.sdlc", dynamodb.getContextKeys().getSdlc());
      put(fields, "contextKeys.component", dynamodb.getContextKeys().getComponent());
    }
    fallback(dynamodb.getComponentFallback(), fields);
  }

  private static void s3(S3Provider s3, Map<String, String> fields) {
    fields.put("provider", ProviderKind.S3.flag());
    put(fields, "region", s3.getRegion());
    put(fields, "bucket", s3.getBucket());
    put(fields, "prefix", s3.getPrefix());
    put(fields, "kmsKeyId", s3.getKmsKeyId());
    if (s3.getEncryption() != null) {
      fields.put("encryption", s3.getEncryption().name());
    }
    if (s3.getEncryptionContext() != null) {
      fields.put("encryptionContext", s3.getEncryptionContext().name());
    }
    fallback(s3.getComponentFallback(), fields);
  }

  private static void fallback(Boolean componentFallback, Map<String, String> fields) {
    if (componentFallback != null) {
      fields.put("componentFallback", componentFallback.toString());
    }
  }

  private static void endpoints(StoreEndpoints endpoints, Map<String, String> fields) {
    if (endpoints != null) {
      put(fields, "endpoint.dynamodb", endpoints.getDynamodb());
      put(fields, "endpoint.kms", endpoints.getKms());
      put(fields, "endpoint.secretsManager", endpoints.getSecretsManager());
      put(fields, "endpoint.sts", endpoints.getSts());
      put(fields, "endpoint.ssm", endpoints.getSsm());
      put(fields, "endpoint.s3", endpoints.getS3());
    }
  }

  private static void put(Map<String, String> fields, String field, String value) {
    if (value != null && !value.isBlank()) {
      fields.put(field, value);
    }
  }
}
