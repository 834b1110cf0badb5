package dev.fidelius.operator.store;

import dev.fidelius.operator.api.StoreEndpoints;
import dev.fidelius.operator.aws.AwsEndpoints;
import java.net.URI;

/**
 * The store's endpoint overrides as typed URIs (validated earlier by {@link StoreSpecValidator}).
 */
public final class StoreEndpointsMapper {

  private StoreEndpointsMapper() {}

  public static AwsEndpoints toAws(StoreEndpoints endpoints) {
    if (endpoints == null) {
      return AwsEndpoints.DEFAULTS;
    }
    return new AwsEndpoints(
        uri(endpoints.getDynamodb()),
        uri(endpoints.getKms()),
        uri(endpoints.getSecretsManager()),
        uri(endpoints.getSts()),
        uri(endpoints.getSsm()),
        uri(endpoints.getS3()));
  }

  private static URI uri(String s) {
    return s == null || s.isBlank() ? null : URI.create(s.trim());
  }
}
