package dev.fidelius.operator.backend.s3;

import dev.fidelius.operator.backend.ErrorKind;
import dev.fidelius.operator.backend.Outcome;
import dev.fidelius.operator.backend.SecretRequest;
import dev.fidelius.operator.backend.SecretValue;
import dev.fidelius.operator.backend.ValueCache;
import dev.fidelius.operator.backend.VersionSelector;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Values by request: a version already decrypted comes from the shared value cache; a body change
 * detection read ahead is decrypted without another GetObject; anything else costs one GetObject
 * (and for envelope objects one KMS Decrypt). Versions are immutable: a VersionId never names other
 * content, and an ETag of an envelope object names one ciphertext, so caching by (key, version) is
 * safe.
 */
final class ObjectValueReader {

  private final ObjectNaming naming;
  private final ObjectFetcher fetcher;
  private final ObjectDecoder decoder;
  private final SeenObjects seen;
  private final ValueCache cache;
  private final String storeKey;

  ObjectValueReader(
      ObjectNaming naming,
      ObjectFetcher fetcher,
      ObjectDecoder decoder,
      SeenObjects seen,
      ValueCache cache,
      String storeKey) {
    this.naming = naming;
    this.fetcher = fetcher;
    this.decoder = decoder;
    this.seen = seen;
    this.cache = cache;
    this.storeKey = storeKey;
  }

  /**
   * Takes a body change detection read: an envelope body waits for the read of its version
   * (decrypting it now would put KMS calls into change detection, and the version may never be
   * asked for); a server-side body is the value, cached at once.
   */
  void readAhead(FetchedObject object) {
    if (decoder.needsKms()) {
      seen.keepBody(object);
    } else {
      Outcome<SecretValue> value = decoder.decode(object, null);
      if (value.isOk()) {
        cache.put(cacheKey(object.key(), object.version()), value.value());
      }
    }
  }

  Map<SecretRequest, Outcome<SecretValue>> read(Collection<SecretRequest> requests) {
    Map<SecretRequest, Outcome<SecretValue>> results = new LinkedHashMap<>();
    for (SecretRequest request : requests) {
      Optional<String> problem = naming.problemWith(request.id());
      results.put(
          request,
          problem.isPresent()
              ? Outcome.failed(ErrorKind.INVALID_REQUEST, problem.get())
              : readOne(request));
    }
    return results;
  }

  private Outcome<SecretValue> readOne(SecretRequest request) {
    String key = naming.key(request.id());
    VersionSelector selector = request.version();
    if (selector instanceof VersionSelector.Stage stage) {
      return Outcome.failed(
          ErrorKind.INVALID_REQUEST,
          "S3 objects have no staging labels (versionStage "
              + stage.label()
              + "); pin a VersionId with version");
    }
    if (selector instanceof VersionSelector.Exact exact) {
      Optional<SecretValue> cached = cache.get(cacheKey(key, exact.versionId()));
      if (cached.isPresent()) {
        return Outcome.ok(cached.get());
      }
      Outcome<FetchedObject> fetched =
          seen.takeBody(key, exact.versionId())
              .map(Outcome::ok)
              .orElseGet(() -> fetcher.version(key, exact.versionId()));
      return fetched.isOk() ? decoded(fetched.value(), request) : Outcome.failed(fetched.error());
    }
    Outcome<FetchedObject> latest = fetcher.latest(key);
    if (!latest.isOk()) {
      return Outcome.failed(latest.error());
    }
    seen.fetched(latest.value());
    return cache
        .get(cacheKey(key, latest.value().version()))
        .map(Outcome::ok)
        .orElseGet(() -> decoded(latest.value(), request));
  }

  private Outcome<SecretValue> decoded(FetchedObject object, SecretRequest request) {
    Outcome<SecretValue> value = decoder.decode(object, request.id().scope());
    if (value.isOk()) {
      cache.put(cacheKey(object.key(), object.version()), value.value());
    }
    return value;
  }

  private ValueCache.Key cacheKey(String key, String version) {
    return new ValueCache.Key(storeKey, key, version);
  }
}
