package dev.fidelius.operator.backend.s3;

import java.util.Objects;

/** An object as a listing shows it: key and ETag (quotes removed), no body. */
record ListedObject(String key, String etag) {

  ListedObject {
    Objects.requireNonNull(key, "key");
    etag = Etags.unquoted(etag);
  }
}
