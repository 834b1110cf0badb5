package dev.fidelius.operator.target;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The server-side-apply field manager of each FideliusSecret's writes. One manager per
 * FideliusSecret makes the API server track which keys each one owns, so several FideliusSecrets
 * merging into one Secret keep each other's keys (with one shared manager, each apply removed the
 * keys the others had written). The Secret is in the FideliusSecret's namespace, so the name alone
 * identifies it there.
 */
public final class FieldManagers {

  /**
   * The manager of every write before per-FideliusSecret managers (see {@link LegacyFieldManager}).
   */
  public static final String LEGACY = "fidelius-operator";

  /** The API server refuses longer field manager names. */
  static final int MAX_LENGTH = 128;

  private static final String PREFIX = LEGACY + "/";

  private FieldManagers() {}

  /**
   * {@code fidelius-operator/<name>}; a name too long for the limit is cut and suffixed with a
   * hash.
   */
  public static String of(String fideliusSecretName) {
    String manager = PREFIX + fideliusSecretName;
    if (manager.length() <= MAX_LENGTH) {
      return manager;
    }
    String hash = sha256(fideliusSecretName).substring(0, 16);
    return manager.substring(0, MAX_LENGTH - hash.length() - 1) + "-" + hash;
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
