package dev.fidelius.operator.aws;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A short digest of an assume-role externalId for cache keys: a changed externalId makes a new
 * session (instead of reusing the old one until restart), and the id itself, a shared secret of
 * sorts, never appears in a key that may be logged.
 */
final class ExternalIdDigest {

  private ExternalIdDigest() {}

  static String of(String externalId) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(externalId.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }
}
