package dev.fidelius.operator.backend.parameterstore;

import dev.fidelius.operator.aws.AwsEndpoints;
import java.util.Objects;
import software.amazon.awssdk.regions.Region;

/**
 * How one store ({@code spec.provider.parameterStore}) maps Fidelius coordinates onto Parameter
 * Store.
 *
 * @param region where the parameters live
 * @param endpoints endpoint overrides (only {@code ssm} is used here)
 * @param prefix the path every name starts with, such as {@code /fidelius}; empty for none. A
 *     trailing slash is dropped.
 * @param componentFallback whether a name with a component that cannot be read is read again
 *     without it, as the Fidelius SDK does
 * @param storeKey separates this store's entries in the shared value cache (per store and identity)
 */
public record ParameterStoreConfig(
    Region region,
    AwsEndpoints endpoints,
    String prefix,
    boolean componentFallback,
    String storeKey) {

  public ParameterStoreConfig {
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(storeKey, "storeKey");
    endpoints = endpoints == null ? AwsEndpoints.DEFAULTS : endpoints;
    prefix = prefix == null ? "" : prefix.strip();
    while (prefix.endsWith("/")) {
      prefix = prefix.substring(0, prefix.length() - 1);
    }
  }

  /** No prefix, component fallback on, regional endpoint. */
  public static ParameterStoreConfig of(Region region, String storeKey) {
    return new ParameterStoreConfig(region, null, "", true, storeKey);
  }

  public ParameterStoreConfig withEndpoints(AwsEndpoints newEndpoints) {
    return new ParameterStoreConfig(region, newEndpoints, prefix, componentFallback, storeKey);
  }

  public ParameterStoreConfig withPrefix(String newPrefix) {
    return new ParameterStoreConfig(region, endpoints, newPrefix, componentFallback, storeKey);
  }

  public ParameterStoreConfig withComponentFallback(boolean fallback) {
    return new ParameterStoreConfig(region, endpoints, prefix, fallback, storeKey);
  }
}
