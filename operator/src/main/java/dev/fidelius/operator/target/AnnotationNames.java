package dev.fidelius.operator.target;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Annotation key name parts built from resource names, within Kubernetes' 63-character limit. */
final class AnnotationNames {

  private static final int MAX = 63;

  private AnnotationNames() {}

  /** The name itself when it fits, else a prefix and a short hash that keeps names distinct. */
  static String namePart(String name) {
    if (name.length() <= MAX) {
      return name;
    }
    String hash = sha256(name).substring(0, 12);
    String prefix = name.substring(0, MAX - 13).replaceAll("[^A-Za-z0-9]+$", "");
    return prefix + "-" + hash;
  }

  private static String sha256(String s) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }
}
