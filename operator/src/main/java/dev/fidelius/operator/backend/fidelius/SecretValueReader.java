package dev.fidelius.operator.backend.fidelius;

import dev.fidelius.operator.backend.ErrorKind;
import dev.fidelius.operator.backend.Outcome;
import dev.fidelius.operator.backend.SecretRequest;
import dev.fidelius.operator.backend.SecretValue;
import dev.fidelius.operator.backend.ValueCache;
import dev.fidelius.operator.backend.VersionSelector;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Reads secret values: finds the item (newest or pinned version), and decrypts it only when the
 * value cache does not already hold that (name, version), so KMS is called once per version ever
 * seen, not per refresh.
 *
 * <p>The latest version is a strongly consistent Query; a cached value is only reused when the item
 * still carries the same {@code updatedOn}, because Fidelius deletes names outright and a name
 * created again starts over at version 1. A pinned version is served from the cache before any
 * call, as versions are immutable.
 */
final class SecretValueReader {

  private final FideliusTable table;
  private final FideliusNames names;
  private final ComponentFallback fallback;
  private final ItemDecryptor decryptor;
  private final ValueCache cache;
  private final String storeKey;

  SecretValueReader(
      FideliusTable table,
      FideliusNames names,
      ComponentFallback fallback,
      ItemDecryptor decryptor,
      ValueCache cache,
      String storeKey) {
    this.table = table;
    this.names = names;
    this.fallback = fallback;
    this.decryptor = decryptor;
    this.cache = Objects.requireNonNull(cache, "cache");
    this.storeKey = storeKey;
  }

  Outcome<SecretValue> read(SecretRequest request) {
    VersionSelector selector = request.version();
    String shortName = request.id().name();
    if (selector instanceof VersionSelector.Stage stage) {
      return Outcome.failed(
          ErrorKind.INVALID_REQUEST,
          request.id()
              + ": the Fidelius store has no stages such as "
              + stage.label()
              + "; pin a version number or read the latest");
    }
    if (selector instanceof VersionSelector.Exact exact) {
      Optional<FideliusVersion> version = FideliusVersion.fromId(exact.versionId());
      if (version.isEmpty()) {
        return Outcome.failed(
            ErrorKind.INVALID_REQUEST,
            request.id()
                + ": version '"
                + exact.versionId()
                + "' is not a Fidelius version number (a decimal such as 3)");
      }
      return fallback.lookup(
          request.id().scope(), scope -> exact(names.nameOf(scope, shortName), version.get()));
    }
    return fallback.lookup(request.id().scope(), scope -> latest(names.nameOf(scope, shortName)));
  }

  private Outcome<SecretValue> latest(FideliusName name) {
    Outcome<Optional<Map<String, AttributeValue>>> found =
        CallGuard.run(
            "Query for the newest version of " + name + " in table " + table.name(),
            () -> Outcome.ok(table.newestItem(name.fullName())));
    if (!found.isOk()) {
      return Outcome.failed(found.error());
    }
    return found
        .value()
        .map(item -> decrypted(name, item))
        .orElseGet(
            () ->
                Outcome.failed(
                    ErrorKind.NOT_FOUND, name + " does not exist in table " + table.name()));
  }

  private Outcome<SecretValue> exact(FideliusName name, FideliusVersion version) {
    Optional<SecretValue> cached = cache.get(cacheKey(name, version));
    if (cached.isPresent()) {
      return Outcome.ok(cached.get());
    }
    Outcome<Optional<Map<String, AttributeValue>>> found =
        CallGuard.run(
            "GetItem of " + name + " " + version + " in table " + table.name(),
            () -> Outcome.ok(table.item(name.fullName(), version.padded())));
    if (!found.isOk()) {
      return Outcome.failed(found.error());
    }
    return found
        .value()
        .map(item -> decrypted(name, item))
        .orElseGet(
            () ->
                Outcome.failed(
                    ErrorKind.NOT_FOUND,
                    name + " " + version + " does not exist in table " + table.name()));
  }

  private Outcome<SecretValue> decrypted(
      FideliusName name, Map<String, AttributeValue> attributes) {
    Outcome<FideliusItem> parsed = FideliusItemCodec.decode(attributes);
    if (!parsed.isOk()) {
      return Outcome.failed(parsed.error());
    }
    FideliusItem item = parsed.value();
    ValueCache.Key key = cacheKey(name, item.version());
    Optional<SecretValue> cached = cache.get(key);
    if (cached.isPresent() && cached.get().updatedOn().equals(item.updatedOnIfKnown())) {
      return Outcome.ok(cached.get());
    }

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

  private ValueCache.Key cacheKey(FideliusName name, FideliusVersion version) {
    return new ValueCache.Key(storeKey, name.fullName(), version.id());
  }
}
