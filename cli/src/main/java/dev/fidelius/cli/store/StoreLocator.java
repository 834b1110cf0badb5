package dev.fidelius.cli.store;

import dev.fidelius.cli.CliFailure;
import dev.fidelius.cli.cluster.Kube;
import dev.fidelius.operator.aws.AwsEndpoints;
import dev.fidelius.operator.backend.fidelius.ContextKeys;
import dev.fidelius.operator.backend.s3.S3StoreConfig.Encryption;
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
          fields.putAll(ClusterStoreFields.of(found));
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
    override(fields, "prefix", options.prefix);
    override(fields, "bucket", options.bucket);
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
    if (provider == ProviderKind.S3 && fields.get("bucket") == null) {
      throw CliFailure.usage(
          "an s3 store needs a bucket: pass --bucket or set bucket in the store");
    }
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
        fields.get("profile"),
        fields.get("prefix"),
        fields.get("bucket"),
        encryption(fields.get("encryption")),
        "fidelius".equalsIgnoreCase(fields.get("encryptionContext")));
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

  private static Encryption encryption(String encryption) {
    if (encryption == null) {
      return Encryption.KMS_ENVELOPE;
    }
    return switch (encryption.toLowerCase(Locale.ROOT).replace("_", "")) {
      case "kmsenvelope" -> Encryption.KMS_ENVELOPE;
      case "serverside" -> Encryption.SERVER_SIDE;
      default ->
          throw CliFailure.usage(
              "encryption must be KmsEnvelope or ServerSide, not '" + encryption + "'");
    };
  }

  private static AwsEndpoints endpoints(Map<String, String> fields) {
    String all = fields.get("endpointUrl");
    return new AwsEndpoints(
        uri(fields.getOrDefault("endpoint.dynamodb", all)),
        uri(fields.getOrDefault("endpoint.kms", all)),
        uri(fields.getOrDefault("endpoint.secretsManager", all)),
        uri(fields.getOrDefault("endpoint.sts", all)),
        uri(fields.getOrDefault("endpoint.ssm", all)),
        uri(fields.getOrDefault("endpoint.s3", all)));
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
