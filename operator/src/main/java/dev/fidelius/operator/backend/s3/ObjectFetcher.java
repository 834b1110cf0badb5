package dev.fidelius.operator.backend.s3;

import dev.fidelius.operator.backend.ErrorKind;
import dev.fidelius.operator.backend.Outcome;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * Reads one object with GetObject: the current content, or a pinned version (a VersionId, or in a
 * bucket without versioning the ETag of the current content, checked with If-Match). Reads at most
 * {@code maxBytes} plus one, by range, so that an oversized object (a hostile or mistaken upload)
 * costs no more than that.
 */
final class ObjectFetcher {

  private final S3Api api;
  private final String bucket;
  private final int maxBytes;

  ObjectFetcher(S3Api api, String bucket, int maxBytes) {
    this.api = api;
    this.bucket = bucket;
    this.maxBytes = maxBytes;
  }

  Outcome<FetchedObject> latest(String key) {
    return fetch(key, null, GetObjectRequest.builder());
  }

  Outcome<FetchedObject> version(String key, String version) {
    GetObjectRequest.Builder request = GetObjectRequest.builder();
    if (Etags.looksLikeEtag(version)) {
      request.ifMatch("\"" + version + "\"");
    } else {
      request.versionId(version);
    }
    return fetch(key, version, request);
  }

  private Outcome<FetchedObject> fetch(
      String key, String version, GetObjectRequest.Builder request) {
    String what =
        "S3 GetObject of s3://"
            + bucket
            + "/"
            + key
            + (version == null ? "" : " (version " + version + ")");
    ResponseBytes<GetObjectResponse> response;
    try {
      response =
          api.getObject(request.bucket(bucket).key(key).range("bytes=0-" + maxBytes).build());
    } catch (RuntimeException e) {
      return Outcome.failed(S3Errors.ofCall(what, e));
    }
    byte[] body = response.asByteArrayUnsafe();
    if (body.length > maxBytes) {
      return Outcome.failed(
          ErrorKind.INVALID_REQUEST,
          what
              + ": the object holds more than "
              + maxBytes
              + " bytes, more than this store's objects may");
    }
    GetObjectResponse meta = response.response();
    return Outcome.ok(
        new FetchedObject(key, meta.eTag(), meta.versionId(), body, meta.lastModified()));
  }
}
