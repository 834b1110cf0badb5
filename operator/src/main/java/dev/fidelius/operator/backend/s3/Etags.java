package dev.fidelius.operator.backend.s3;

import java.util.regex.Pattern;

/** S3 ETags as this backend uses them: without the quotes S3 puts around them. */
public final class Etags {

  /**
   * A single-part ETag (an MD5 in hex) or a multipart one ({@code <hex>-<parts>}); never a
   * VersionId.
   */
  private static final Pattern ETAG = Pattern.compile("[0-9a-f]{32}(-[0-9]{1,5})?");

  private Etags() {}

  /**
   * The version this backend records for an object's content: the VersionId in a versioned bucket,
   * else the unquoted ETag. S3 reports "null" as the VersionId of content written without
   * versioning.
   */
  public static String versionOf(String versionId, String etag) {
    return versionId == null || versionId.isBlank() || versionId.equals("null")
        ? unquoted(etag)
        : versionId;
  }

  static String unquoted(String etag) {
    if (etag == null) {
      return "";
    }
    String s = etag.strip();
    return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")
        ? s.substring(1, s.length() - 1)
        : s;
  }

  /** Whether a pinned version names an ETag (an object of a bucket without versioning). */
  static boolean looksLikeEtag(String version) {
    return ETAG.matcher(version).matches();
  }
}
