package dev.fidelius.cli.store;

import dev.fidelius.cli.cluster.KubeOptions;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * How a store command names its store: {@code --store} (a config-file entry, else a store resource
 * of the current kube context), or flags alone; flags also override what the entry or the resource
 * says.
 */
public final class StoreOptions {

  @Option(
      names = "--store",
      paramLabel = "NAME",
      description =
          "An entry of the config file, else a ClusterFideliusStore/FideliusStore in the cluster.")
  String store;

  @Option(
      names = "--store-kind",
      paramLabel = "KIND",
      defaultValue = "ClusterFideliusStore",
      description =
          "ClusterFideliusStore (default) or FideliusStore, for a store found in the cluster.")
  String storeKind;

  @Option(
      names = {"-n", "--namespace"},
      paramLabel = "NS",
      description = "The namespace of a FideliusStore (default: the kube context's namespace).")
  String namespace;

  @Option(
      names = "--provider",
      paramLabel = "PROVIDER",
      description = "fidelius, secretsmanager, parameterstore or s3.")
  String provider;

  @Option(
      names = "--region",
      paramLabel = "REGION",
      description = "AWS region (default: AWS_REGION or profile).")
  String region;

  @Option(
      names = "--table",
      paramLabel = "TABLE",
      description = "Fidelius table (default credential-store).")
  String table;

  @Option(
      names = "--kms-key-id",
      paramLabel = "KEY",
      description =
          "KMS key for new versions (Fidelius: default alias/credstash; Parameter Store: default"
              + " alias/aws/ssm; S3: the envelope key, or the SSE-KMS key, SSE-S3 without one).")
  String kmsKeyId;

  @Option(names = "--bucket", paramLabel = "BUCKET", description = "S3 bucket (provider s3).")
  String bucket;

  @Option(
      names = "--prefix",
      paramLabel = "PREFIX",
      description = "Parameter Store path or S3 key prefix every name starts with (default none).")
  String prefix;

  @Option(
      names = "--endpoint-url",
      paramLabel = "URL",
      description = "Send every AWS call to this endpoint (an emulator, a VPC endpoint).")
  String endpointUrl;

  @Option(names = "--profile", paramLabel = "PROFILE", description = "AWS profile to act with.")
  String profile;

  @Option(
      names = "--role-arn",
      paramLabel = "ARN",
      description = "Assume this role with your identity first.")
  String roleArn;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "Config file (default $FIDELIUS_CONFIG, else ~/.config/fidelius/config.yaml).")
  Path config;

  @Mixin KubeOptions kube;

  public String store() {
    return store;
  }

  public KubeOptions kube() {
    return kube;
  }
}
