package dev.fidelius.operator.backend.fidelius;

import dev.fidelius.operator.backend.ErrorKind;
import dev.fidelius.operator.backend.Outcome;
import dev.fidelius.operator.backend.SecretValue;
import dev.fidelius.operator.backend.ValueCache;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Turns a stored item into a value with one KMS call per version, however many syncs want it at the
 * same moment (a rotated name read by many FideliusSecrets, a cold start): a value in the cache for
 * the same item (same {@code updatedOn}) is reused; otherwise the first caller decrypts and caches
 * it and the others wait for its answer.
 */
final class DecryptOnce {

  private final ItemDecryptor decryptor;
  private final ValueCache cache;
  private final String storeKey;
  private final Map<ValueCache.Key, CompletableFuture<Outcome<SecretValue>>> running =
      new ConcurrentHashMap<>();

  DecryptOnce(ItemDecryptor decryptor, ValueCache cache, String storeKey) {
    this.decryptor = Objects.requireNonNull(decryptor, "decryptor");
    this.cache = Objects.requireNonNull(cache, "cache");
    this.storeKey = storeKey;
  }

  Outcome<SecretValue> valueOf(FideliusName name, Map<String, AttributeValue> attributes) {
    Outcome<FideliusItem> parsed = FideliusItemCodec.decode(attributes);
    if (!parsed.isOk()) {
      return Outcome.failed(parsed.error());
    }
    FideliusItem item = parsed.value();
    ValueCache.Key key = new ValueCache.Key(storeKey, name.fullName(), item.version().id());
    Optional<SecretValue> cached = cache.get(key);
    if (cached.isPresent() && sameItem(cached.get(), item)) {
      return Outcome.ok(cached.get());
    }
    CompletableFuture<Outcome<SecretValue>> mine = new CompletableFuture<>();
    CompletableFuture<Outcome<SecretValue>> theirs = running.putIfAbsent(key, mine);
    if (theirs != null) {
      Optional<Outcome<SecretValue>> shared = await(theirs);
      if (shared.isPresent() && shared.get().isOk() && sameItem(shared.get().value(), item)) {
        return shared.get();
      }
      return decrypted(name, item, key); // theirs failed, or was another item of the same version
    }
    try {
      Outcome<SecretValue> result = decrypted(name, item, key);
      mine.complete(result);
      return result;
    } catch (RuntimeException | Error e) {
      mine.complete(Outcome.failed(ErrorKind.UNAVAILABLE, "decryption of " + name + " failed"));
      throw e;
    } finally {
      running.remove(key, mine);
    }
  }

  private Outcome<SecretValue> decrypted(FideliusName name, FideliusItem item, ValueCache.Key key) {
    Outcome<byte[]> plaintext = decryptor.plaintextOf(item, name.encryptionContext());
    if (!plaintext.isOk()) {
      return Outcome.failed(plaintext.error());
    }
    byte[] bytes = plaintext.value();
    try {
      SecretValue value =
          new SecretValue(
              name.fullName(),
              item.version().id(),
              bytes,
              false,
              item.updatedOn(),
              item.updatedBy());
      cache.put(key, value);
      return Outcome.ok(value);
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
  }

  /** A name deleted and written again starts over at version 1: same version, other item. */
  private static boolean sameItem(SecretValue value, FideliusItem item) {
    return Objects.equals(value.updatedOn(), item.updatedOnIfKnown());
  }

  private static Optional<Outcome<SecretValue>> await(
      CompletableFuture<Outcome<SecretValue>> theirs) {
    try {
      return Optional.of(theirs.get());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    } catch (ExecutionException e) {
      return Optional.empty();
    }
  }
}
