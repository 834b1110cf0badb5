package dev.fidelius.cli.store;

import dev.fidelius.cli.CliFailure;
import dev.fidelius.cli.cluster.Kube;
import dev.fidelius.operator.api.AssumeRoleAuth;
import dev.fidelius.operator.api.DynamoDbProvider;
import dev.fidelius.operator.api.FideliusStoreSpec;
import dev.fidelius.operator.api.SecretsManagerProvider;
import dev.fidelius.operator.api.StoreEndpoints;
import dev.fidelius.operator.aws.AwsEndpoints;
import dev.fidelius.operator.backend.fidelius.ContextKeys;
import dev.fidelius.operator.backend.secretsmanager.SecretsManagerStoreConfig.Naming;
import java.net.URI;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;

/**
 * Turns {@link StoreOptions} into a {@link StoreLocation}: {@code --store NAME} is a config-file
 * entry if there is one of that name, else a store resource of the current kube context; without
 * {@code --store}, the config file's {@code defaultStore}, else flags alone. Flags override
 * whatever the entry or resource says.
 */
public final class StoreLocator {

  private StoreLocator() {}

  public static StoreLocation locate(StoreOptions options) {
    ConfigFile config = ConfigFile.load(options.config);
    Map<String, String> fields = new HashMap<>();
    String description;
    if (options.store != null) {
      var entry = config.store(options.store);
      if (entry.isPresent()) {
        fields.putAll(entry.get().fields());
        description = config.describe(entry.get());
      } else {
        try (Kube kube = connectFor(options)) {
          ClusterStores.Found found =
              ClusterStores.find(
                  kube, ClusterStores.kindOf(options.storeKind), options.store, options.namespace);
          fields.putAll(fieldsOf(found));
          description = found.description();
        }
      }
    } else if (config.defaultEntry().isPresent()) {
      fields.putAll(config.defaultEntry().get().fields());
      description = config.describe(config.defaultEntry().get());
    } else {
      description = "the store named by flags";
    }
    override(fields, "provider", options.provider);
    override(fields, "region", options.region);
    override(fields, "table", options.table);
    override(fields, "kmsKeyId", options.kmsKeyId);
    override(fields, "endpointUrl", options.endpointUrl);
    override(fields, "profile", options.profile);
    override(fields, "roleArn", options.roleArn);
    return build(description, fields);
  }

  /** The cluster to look a store up in; without one, say that the config file lacks it too. */
  private static Kube connectFor(StoreOptions options) {
    try {
      return Kube.connect(options.kube);
    } catch (CliFailure noCluster) {
      throw new CliFailure(
          noCluster.exitCode(),
          "store \""
              + options.store
              + "\" is not in the config file, and "
              + noCluster.getMessage());
    }
  }

  private static void override(Map<String, String> fields, String field, String flag) {
    if (flag != null && !flag.isBlank()) {
      fields.put(field, flag);
    }
  }

  /** What a store resource's spec says, in config-file terms. */
  private static Map<String, String> fieldsOf(ClusterStores.Found found) {
    FideliusStoreSpec spec = found.spec();
    Map<String, String> fields = new HashMap<>();
    if (spec == null || spec.getProvider() == null) {
      throw CliFailure.usage(found.description() + " has no spec.provider");
    }
    DynamoDbProvider dynamodb = spec.getProvider().getDynamodb();
    SecretsManagerProvider secretsManager = spec.getProvider().getSecretsManager();
    if (dynamodb != null) {
      fields.put("provider", ProviderKind.FIDELIUS.flag());
      put(fields, "region", dynamodb.getRegion());
      put(fields, "table", dynamodb.getTable());
      put(fields, "kmsKeyId", dynamodb.getKmsKeyId());
      if (dynamodb.getContextKeys() != null) {
        put(fields, "contextKeys.application", dynamodb.getContextKeys().getApplication());
        put(fields, "contextKeys.sdlc", dynamodb.getContextKeys().getSdlc());
        put(fields, "contextKeys.component", dynamodb.getContextKeys().getComponent());
      }
      if (dynamodb.getComponentFallback() != null) {
        fields.put("componentFallback", dynamodb.getComponentFallback().toString());
      }
    } else if (secretsManager != null) {
      fields.put("provider", ProviderKind.SECRETS_MANAGER.flag());
      put(fields, "region", secretsManager.getRegion());
      if (secretsManager.getNaming() != null) {
        fields.put("naming", secretsManager.getNaming().name());
      }
    } else {
      throw CliFailure.usage(
          found.description()
              + " uses a provider this command line cannot act on yet (it "
              + "knows "
              + ProviderKind.choices()
              + ")");
    }
    StoreEndpoints endpoints = spec.getEndpoints();
    if (endpoints != null) {
      put(fields, "endpoint.dynamodb", endpoints.getDynamodb());
      put(fields, "endpoint.kms", endpoints.getKms());
      put(fields, "endpoint.secretsManager", endpoints.getSecretsManager());
      put(fields, "endpoint.sts", endpoints.getSts());
    }
    AssumeRoleAuth assumeRole = spec.getAuth() == null ? null : spec.getAuth().getAssumeRole();
    if (assumeRole != null) {
      put(fields, "roleArn", assumeRole.getRoleArn());
      put(fields, "externalId", assumeRole.getExternalId());
    }
    return fields;
  }

  private static void put(Map<String, String> fields, String field, String value) {
    if (value != null && !value.isBlank()) {
      fields.put(field, value);
    }
  }

  private static StoreLocation build(String description, Map<String, String> fields) {
    String providerText = fields.getOrDefault("provider", ProviderKind.FIDELIUS.flag());
    ProviderKind provider =
        ProviderKind.parse(providerText)
            .orElseThrow(
                () ->
                    CliFailure.usage(
                        "unknown provider '"
                            + providerText
                            + "' ("
                            + ProviderKind.choices()
                            + ")"));
    ContextKeys contextKeys = null;
    if (fields.containsKey("contextKeys.application")) {
      contextKeys =
          new ContextKeys(
              fields.get("contextKeys.application"),
              fields.getOrDefault("contextKeys.sdlc", "SDLC"),
              fields.getOrDefault("contextKeys.component", "Component"));
    }
    return new StoreLocation(
        description,
        provider,
        region(fields.get("region")),
        fields.get("table"),
        fields.get("kmsKeyId"),
        contextKeys,
        !"false".equalsIgnoreCase(fields.get("componentFallback")),
        naming(fields.get("naming")),
        endpoints(fields),
        fields.get("roleArn"),
        fields.get("externalId"),
        fields.get("profile"));
  }

  private static Region region(String region) {
    if (region != null) {
      return Region.of(region);
    }
    try {
      return new DefaultAwsRegionProviderChain().getRegion();
    } catch (SdkClientException none) {
      throw CliFailure.usage(
          "no AWS region: pass --region, set AWS_REGION, or name one in the store");
    }
  }

  private static Naming naming(String naming) {
    if (naming == null) {
      return Naming.FULL_NAME;
    }
    return switch (naming.toLowerCase(Locale.ROOT).replace("_", "")) {
      case "fullname" -> Naming.FULL_NAME;
      case "path" -> Naming.PATH;
      default -> throw CliFailure.usage("naming must be fullName or path, not '" + naming + "'");
    };
  }

  private static AwsEndpoints endpoints(Map<String, String> fields) {
    String all = fields.get("endpointUrl");
    return new AwsEndpoints(
        uri(fields.getOrDefault("endpoint.dynamodb", all)),
        uri(fields.getOrDefault("endpoint.kms", all)),
        uri(fields.getOrDefault("endpoint.secretsManager", all)),
        uri(fields.getOrDefault("endpoint.sts", all)));
  }

  private static URI uri(String text) {
    if (text == null) {
      return null;
    }
    try {
      URI uri = URI.create(text);
      if (uri.getScheme() == null || uri.getHost() == null) {
        throw new IllegalArgumentException("no scheme or host");
      }
      return uri;
    } catch (IllegalArgumentException e) {
      throw CliFailure.usage("endpoint '" + text + "' is not a URL such as http://localhost:5000");
    }
  }
}
