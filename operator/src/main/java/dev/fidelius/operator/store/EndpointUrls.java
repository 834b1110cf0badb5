package dev.fidelius.operator.store;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * Checks an endpoint override the way the AWS SDK will use it, so that a malformed URL is a
 * StoreNotReady message rather than an exception in the middle of a sync: {@code //host} (no
 * scheme) used to throw a NullPointerException, {@code http://} (no host), spaces, other schemes,
 * user info or a fragment are refused.
 */
final class EndpointUrls {

  private EndpointUrls() {}

  /**
   * Why {@code value} cannot be an endpoint (a phrase following the field name), or empty when it
   * can.
   */
  static Optional<String> problem(String value) {
    URI uri;
    try {
      uri = new URI(value.trim());
    } catch (URISyntaxException e) {
      return Optional.of("is not a valid URL");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      return Optional.of(
          "must be an http(s) URL with a host, such as https://kms.us-east-1.amazonaws.com");
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      return Optional.of("must be an http(s) URL with a host");
    }
    if (uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
      return Optional.of("must not hold user info or a fragment");
    }
    return Optional.empty();
  }
}
