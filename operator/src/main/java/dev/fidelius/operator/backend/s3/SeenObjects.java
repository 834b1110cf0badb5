package dev.fidelius.operator.backend.s3;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * For each key, the ETag and version of the content last read, and for envelope stores the bodies
 * read by change detection but not yet decrypted. A listing shows ETags only; when a key's ETag is
 * the one seen, its version is known without a call. Bounded, least recently used out. Thread-safe.
 */
final class SeenObjects {

  private record Seen(String etag, String version) {}

  private record KeyVersion(String key, String version) {}

  private final Map<String, Seen> byKey;
  private final Map<KeyVersion, FetchedObject> undecrypted;

  SeenObjects(int maxKeys, int maxBodies) {
    this.byKey = lru(maxKeys);
    this.undecrypted = lru(maxBodies);
  }

  synchronized void fetched(FetchedObject object) {
    byKey.put(object.key(), new Seen(object.etag(), object.version()));
  }

  /** Keeps a body change detection read, until the read of its version takes it. */
  synchronized void keepBody(FetchedObject object) {
    undecrypted.put(new KeyVersion(object.key(), object.version()), object);
  }

  /** The version of the key's content when the listing's ETag is the one seen last. */
  synchronized Optional<String> versionOf(ListedObject listed) {
    Seen seen = byKey.get(listed.key());
    return seen != null && seen.etag().equals(listed.etag())
        ? Optional.of(seen.version())
        : Optional.empty();
  }

  /** A body read ahead for this version, handed out once. */
  synchronized Optional<FetchedObject> takeBody(String key, String version) {
    return Optional.ofNullable(undecrypted.remove(new KeyVersion(key, version)));
  }

  private static <K, V> Map<K, V> lru(int max) {
    return new LinkedHashMap<>(64, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
        return size() > max;
      }
    };
  }
}
