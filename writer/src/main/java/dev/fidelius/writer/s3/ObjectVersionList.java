package dev.fidelius.writer.s3;

import dev.fidelius.operator.backend.s3.Etags;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.DeleteMarkerEntry;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsRequest;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsResponse;
import software.amazon.awssdk.services.s3.model.ObjectVersion;

/**
 * The versions and delete markers of one object key (ListObjectVersions; in a bucket without
 * versioning, the one current object), and their removal. Metadata only: no body is read.
 */
final class ObjectVersionList {

  /**
   * One version or delete marker.
   *
   * @param versionId S3's VersionId, or null for content written without versioning
   * @param version what the operator calls this version (the VersionId, else the ETag)
   */
  record Version(String versionId, String version, Instant lastModified, boolean deleteMarker) {}

  private final S3Client s3;
  private final String bucket;

  ObjectVersionList(S3Client s3, String bucket) {
    this.s3 = s3;
    this.bucket = bucket;
  }

  /** Newest first. Keys that merely start with {@code key} are left out. */
  List<Version> of(String key) {
    List<Version> found = new ArrayList<>();
    for (ListObjectVersionsResponse page :
        s3.listObjectVersionsPaginator(
            ListObjectVersionsRequest.builder().bucket(bucket).prefix(key).build())) {
      for (ObjectVersion v : page.versions()) {
        if (v.key().equals(key)) {
          found.add(
              new Version(
                  realVersionId(v.versionId()),
                  Etags.versionOf(v.versionId(), v.eTag()),
                  v.lastModified(),
                  false));
        }
      }
      for (DeleteMarkerEntry m : page.deleteMarkers()) {
        if (m.key().equals(key)) {
          found.add(
              new Version(realVersionId(m.versionId()), m.versionId(), m.lastModified(), true));
        }
      }
    }
    // A stable sort: versions written within one second (S3 times have second precision) keep the
    // newest-first order S3 lists them in.
    found.sort(
        Comparator.comparing(
                Version::lastModified, Comparator.nullsFirst(Comparator.naturalOrder()))
            .reversed());
    return found;
  }

  /** One DeleteObject per version: a secret has few, and each call is checked on its own. */
  void deleteAll(String key, List<Version> all) {
    for (Version v : all) {
      s3.deleteObject(
          b -> {
            b.bucket(bucket).key(key);
            if (v.versionId() != null) {
              b.versionId(v.versionId());
            }
          });
    }
  }

  private static String realVersionId(String versionId) {
    return versionId == null || versionId.isBlank() || versionId.equals("null") ? null : versionId;
  }
}
