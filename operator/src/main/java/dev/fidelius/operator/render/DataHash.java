package dev.fidelius.operator.render;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A fingerprint of Secret data, to tell whether a Secret needs writing (and to record what was
 * written) without keeping or comparing the values themselves.
 *
 * <p>The digest is SHA-256 over a fixed byte layout, so it is the same on every JVM and release:
 *
 * <pre>
 *   "fidelius.data-hash.v1"
 *   type:    0x00                                  when the type is null or empty
 *            0x01, int32 length, UTF-8 bytes      otherwise
 *   int32 number of entries
 *   per entry, in ascending key order (String.compareTo):
 *            int32 key length, key UTF-8 bytes, int32 value length, value bytes
 * </pre>
 *
 * All integers are big-endian. Length prefixes make the framing unambiguous: {"a":"bc"} and
 * {"ab":"c"} hash differently. Changing this layout changes every hash, which makes the operator
 * rewrite every Secret once; bump the version tag if that is ever intended.
 */
public final class DataHash {

  private static final byte[] VERSION_TAG =
      "fidelius.data-hash.v1".getBytes(StandardCharsets.US_ASCII);
  private static final byte NO_TYPE = 0;
  private static final byte HAS_TYPE = 1;

  private DataHash() {}

  /** The lowercase hex SHA-256 of the data alone; equal to {@code of(data, null)}. */
  public static String of(Map<String, byte[]> data) {
    return of(data, null);
  }

  /**
   * The lowercase hex SHA-256 of the data and the Secret type, so that a change of type alone
   * counts as a change. A null or empty type hashes as "no type", which differs from "Opaque": pass
   * the type exactly as it will be written. Keys and values must not be null.
   */
  public static String of(Map<String, byte[]> data, String type) {
    Objects.requireNonNull(data, "data");
    MessageDigest digest = sha256();
    digest.update(VERSION_TAG);
    if (type == null || type.isEmpty()) {
      digest.update(NO_TYPE);
    } else {
      digest.update(HAS_TYPE);
      updateFramed(digest, type.getBytes(StandardCharsets.UTF_8));
    }
    // A fresh TreeMap fixes the order even when the caller's map sorts differently (or not at all).
    TreeMap<String, byte[]> sorted = new TreeMap<>(data);
    digest.update(int32(sorted.size()));
    for (Map.Entry<String, byte[]> entry : sorted.entrySet()) {
      updateFramed(digest, entry.getKey().getBytes(StandardCharsets.UTF_8));
      updateFramed(digest, Objects.requireNonNull(entry.getValue(), "value"));
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static void updateFramed(MessageDigest digest, byte[] bytes) {
    digest.update(int32(bytes.length));
    digest.update(bytes);
  }

  private static byte[] int32(int value) {
    return ByteBuffer.allocate(Integer.BYTES).putInt(value).array();
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      // Every Java platform must provide SHA-256 (see MessageDigest's javadoc).
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }
}
