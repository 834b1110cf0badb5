package dev.fidelius.operator.backend.s3;

import java.time.Instant;
import java.util.Objects;

/**
 * An object read with GetObject: its body (a ciphertext or the value, depending on the store's
 * encryption) and which version it is. Never printed with its body.
 *
 * @param versionId the S3 VersionId, or null in a bucket without versioning
 */
record FetchedObject(String key, String etag, String versionId, byte[] body, Instant lastModified) {

  FetchedObject {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(body, "body");
    etag = Etags.unquoted(etag);
    versionId =
        versionId == null || versionId.isBlank() || versionId.equals("null") ? null : versionId;
  }

  /** The VersionId with versioning, else the ETag: what identifies this content. */
  String version() {
    return versionId != null ? versionId : etag;
  }

  @Override
  public String toString() {
    return "FetchedObject[" + key + " " + version() + ", " + body.length + " bytes]";
  }
}
