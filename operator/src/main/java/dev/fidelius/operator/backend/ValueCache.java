package dev.fidelius.operator.backend;

import dev.fidelius.operator.memory.SharedStrings;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Decrypted values by (store, backend name, version). Versions are immutable in both backends, so
 * an entry never goes stale; it only ages out, least recently used first, when the cache exceeds
 * its byte budget. This is what keeps KMS Decrypt and GetSecretValue calls down to one per version
 * ever seen.
 *
 * <p>Thread-safe. Shared by every FideliusSecret that reads from the same store.
 */
public final class ValueCache {

  /**
   * Identifies one immutable version in one store. {@code store} separates stores and identities.
   */
  public record Key(String store, String resolvedName, String version) {
    public Key {
      Objects.requireNonNull(store, "store");
      Objects.requireNonNull(resolvedName, "resolvedName");
      Objects.requireNonNull(version, "version");
      store = SharedStrings.of(store);
      resolvedName = SharedStrings.of(resolvedName);
      version = SharedStrings.of(version);
    }
  }

  private final long maxBytes;
  private final LinkedHashMap<Key, SecretValue> entries = new LinkedHashMap<>(64, 0.75f, true);
  private long bytes;
  private long hits;
  private long misses;

  /**
   * @param maxBytes the budget for cached values (their byte sizes plus a small per-entry overhead)
   */
  public ValueCache(long maxBytes) {
    if (maxBytes <= 0) {
      throw new IllegalArgumentException("maxBytes must be positive");
    }
    this.maxBytes = maxBytes;
  }

  public synchronized Optional<SecretValue> get(Key key) {
    SecretValue value = entries.get(key);
    if (value == null) {
      misses++;
    } else {
      hits++;
    }
    return Optional.ofNullable(value);
  }

  public synchronized void put(Key key, SecretValue value) {
    SecretValue previous = entries.put(key, value);
    if (previous != null) {
      bytes -= weight(key, previous);
    }
    bytes += weight(key, value);
    evictOverBudget();
  }

  public synchronized int size() {
    return entries.size();
  }

  public synchronized long bytes() {
    return bytes;
  }

  public synchronized long hits() {
    return hits;
  }

  public synchronized long misses() {
    return misses;
  }

  private void evictOverBudget() {
    var it = entries.entrySet().iterator();
    // Never evict the entry just added, even when it alone exceeds the budget: the caller needs it
    // now.
    while (bytes > maxBytes && entries.size() > 1 && it.hasNext()) {
      Map.Entry<Key, SecretValue> eldest = it.next();
      bytes -= weight(eldest.getKey(), eldest.getValue());
      it.remove();
    }
  }

  private static long weight(Key key, SecretValue value) {
    return value.size() + 2L * (key.resolvedName().length() + key.version().length()) + 96;
  }
}
