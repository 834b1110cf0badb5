package dev.fidelius.operator.backend.s3;

import dev.fidelius.operator.backend.ErrorKind;
import dev.fidelius.operator.backend.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Every object under a key prefix, with its ETag and no body: ListObjectsV2 pages of 1,000 (S3's
 * largest).
 */
final class ObjectLister {

  static final int PAGE_SIZE = 1000;

  /**
   * A million objects under one scope is far beyond any: more pages means a token that never ends.
   */
  private static final int MAX_PAGES = 1000;

  private final S3Api api;
  private final String bucket;

  ObjectLister(S3Api api, String bucket) {
    this.api = api;
    this.bucket = bucket;
  }

  Outcome<List<ListedObject>> list(String prefix) {
    Outcome<Optional<List<ListedObject>>> listed = list(prefix, MAX_PAGES);
    if (!listed.isOk()) {
      return Outcome.failed(listed.error());
    }
    return listed
        .value()
        .<Outcome<List<ListedObject>>>map(Outcome::ok)
        .orElseGet(
            () ->
                Outcome.failed(
                    ErrorKind.UNAVAILABLE,
                    "S3 ListObjectsV2 of s3://"
                        + bucket
                        + "/"
                        + prefix
                        + " did not end after "
                        + MAX_PAGES
                        + " pages"));
  }

  /**
   * Every object under a key prefix if at most {@code maxPages} pages hold them; empty (after
   * {@code maxPages} calls) when there are more.
   */
  Outcome<Optional<List<ListedObject>>> list(String prefix, int maxPages) {
    List<ListedObject> listed = new ArrayList<>();
    String token = null;
    try {
      for (int page = 0; page < maxPages; page++) {
        ListObjectsV2Response response =
            api.listObjectsV2(
                ListObjectsV2Request.builder()
                    .bucket(bucket)
                    .prefix(prefix)
                    .maxKeys(PAGE_SIZE)
                    .continuationToken(token)
                    .build());
        for (S3Object object : response.contents()) {
          if (object.key() != null && !object.key().endsWith("/")) {
            listed.add(new ListedObject(object.key(), object.eTag()));
          }
        }
        token = response.nextContinuationToken();
        if (!Boolean.TRUE.equals(response.isTruncated()) || token == null || token.isEmpty()) {
          return Outcome.ok(Optional.of(listed));
        }
      }
    } catch (RuntimeException e) {
      return Outcome.failed(
          S3Errors.ofCall("S3 ListObjectsV2 of s3://" + bucket + "/" + prefix, e));
    }
    return Outcome.ok(Optional.empty());
  }
}
