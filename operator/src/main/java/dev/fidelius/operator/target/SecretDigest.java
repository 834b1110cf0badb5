package dev.fidelius.operator.target;

import io.fabric8.kubernetes.api.model.Secret;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * SHA-256 of a Secret's data as the API server holds it (keys and base64 values), so that the
 * Secret informer can keep a digest instead of the data and the writer can still tell a hand edit
 * from the desired data.
 */
public final class SecretDigest {

  private SecretDigest() {}

  /** The digest of base64-encoded data; an absent map is the empty map. */
  public static String ofEncodedData(Map<String, String> data) {
    MessageDigest sha = sha256();
    if (data != null) {
      // Keys are unique and cannot contain NUL, nor can base64: NUL separators make the encoding
      // unambiguous.
      new TreeMap<>(data)
          .forEach(
              (key, value) -> {
                sha.update(key.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
                sha.update(value == null ? new byte[0] : value.getBytes(StandardCharsets.US_ASCII));
                sha.update((byte) 0);
              });
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  /**
   * The digest of what a Secret holds: kept from the informer's data-less view, else computed from
   * its data.
   */
  public static String observed(Secret secret) {
    if (secret instanceof DatalessSecret view) {
      return view.dataDigest();
    }
    return ofEncodedData(secret.getData());
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }
}
