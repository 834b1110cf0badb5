package dev.fidelius.operator.backend.fidelius;

import dev.fidelius.operator.backend.CoalescedCalls;
import dev.fidelius.operator.backend.ErrorKind;
import dev.fidelius.operator.backend.GatheredReads;
import dev.fidelius.operator.backend.Outcome;
import dev.fidelius.operator.backend.SecretRequest;
import dev.fidelius.operator.backend.SecretValue;
import dev.fidelius.operator.backend.ValueCache;
import dev.fidelius.operator.backend.VersionSelector;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Reads secret values with the fewest calls: finds the item (newest or pinned version), and
 * decrypts it only when the value cache does not already hold that (name, version), so KMS is
 * called once per version ever seen, not per refresh ({@link DecryptOnce}: once even when many
 * syncs want the same new version at the same moment).
 *
 * <p>Syncs asking for the latest version of one name at the same moment (a change event triggers
 * every FideliusSecret reading it) share a Query that started after each asked ({@link
 * CoalescedCalls}). Pinned versions not in the cache share BatchGetItem calls with the other syncs
 * reading at the same moment ({@link GatheredReads}, 100 keys a call). The latest version is a
 * strongly consistent Query, unless a burst of latest reads (a cold start) made a recent scan the
 * cheaper way to know it ({@link ScannedVersions}); it then reads like a pinned version. A cached
 * value is only reused for a latest read when the item still carries the same {@code updatedOn},
 * because Fidelius deletes names outright and a name created again starts over at version 1. A
 * pinned version is served from the cache before any call, as versions are immutable.
 */
final class SecretValueReader {

  private final FideliusTable table;
  private final FideliusNames names;
  private final ComponentFallback fallback;
  private final DecryptOnce decrypt;
  private final ValueCache cache;
  private final String storeKey;
  private final ScannedVersions scanned;
  private final GatheredReads<ItemKey, Outcome<Optional<Map<String, AttributeValue>>>> items;
  private final CoalescedCalls<String, Outcome<Optional<Map<String, AttributeValue>>>>
      newestQueries = new CoalescedCalls<>();
  private volatile Long batchRefusedAt;

  /** How long a refused BatchGetItem is not tried again. */
  static final Duration BATCH_REFUSAL_MEMORY = Duration.ofMinutes(15);

  private static final Logger LOG = LoggerFactory.getLogger(SecretValueReader.class);

  SecretValueReader(
      FideliusTable table,
      FideliusNames names,
      ComponentFallback fallback,
      ItemDecryptor decryptor,
      ValueCache cache,
      String storeKey,
      ScannedVersions scanned) {
    this.table = table;
    this.names = names;
    this.fallback = fallback;
    this.cache = Objects.requireNonNull(cache, "cache");
    this.storeKey = storeKey;
    this.decrypt = new DecryptOnce(decryptor, cache, storeKey);
    this.scanned = scanned;
    this.items =
        new GatheredReads<>(
            this::fetchItems, GatheredReads.WINDOW, FideliusTable.MAX_KEYS_PER_BATCH);
  }

  /** Each request's value or failure; never throws for AWS or data failures. */
  Map<SecretRequest, Outcome<SecretValue>> read(Collection<SecretRequest> requests) {
    Map<SecretRequest, Outcome<SecretValue>> results = new LinkedHashMap<>();
    Map<SecretRequest, Target> targets = new LinkedHashMap<>();
    Set<SecretRequest> distinct = new LinkedHashSet<>(requests);
    if (distinct.size() >= ScannedVersions.BULK_READS) {
      scanned.expect(
          distinct.stream()
              .filter(r -> r.version() instanceof VersionSelector.Latest)
              .map(r -> names.applicationPrefixOf(r.id().scope()))
              .collect(Collectors.toCollection(LinkedHashSet::new)));
    }
    for (SecretRequest request : distinct) {
      Outcome<Target> target = target(request, distinct.size());
      if (target.isOk()) {
        targets.put(request, target.value());
      } else {
        results.put(request, Outcome.failed(target.error()));
      }
    }
    Map<ItemKey, Outcome<Optional<Map<String, AttributeValue>>>> fetched =
        items.read(toFetch(targets.values()));
    targets.forEach(
        (request, target) ->
            results.put(
                request,
                CallGuard.run("Reading " + request, () -> read(request, target, fetched))));
    return results;
  }

  /**
   * What a request reads in its own scope (the component fallback, if needed, reads afterwards): an
   * exact version, or the latest, possibly known from a fresh scan.
   */
  private record Target(FideliusName name, Optional<FideliusVersion> exact, Optional<String> scan) {

    Optional<ItemKey> key() {
      if (exact.isPresent()) {
        return Optional.of(new ItemKey(name.fullName(), exact.get().padded()));
      }
      return scan.map(version -> new ItemKey(name.fullName(), version));
    }
  }

  private Outcome<Target> target(SecretRequest request, int readsTogether) {
    VersionSelector selector = request.version();
    FideliusName name = names.nameOf(request.id().scope(), request.id().name());
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
      return Outcome.ok(new Target(name, version, Optional.empty()));
    }
    return Outcome.ok(
        new Target(
            name,
            Optional.empty(),
            scanned.newestVersion(
                name.fullName(), names.applicationPrefixOf(request.id().scope()), readsTogether)));
  }

  /** Items to fetch in a shared call: pinned versions the cache lacks, and scanned latest ones. */
  private List<ItemKey> toFetch(Collection<Target> targets) {
    List<ItemKey> keys = new ArrayList<>();
    for (Target target : targets) {
      if (target.exact().isPresent()
          && cache.get(cacheKey(target.name(), target.exact().get())).isPresent()) {
        continue;
      }
      target.key().ifPresent(keys::add);
    }
    return keys;
  }

  private Outcome<SecretValue> read(
      SecretRequest request,
      Target target,
      Map<ItemKey, Outcome<Optional<Map<String, AttributeValue>>>> fetched) {
    String shortName = request.id().name();
    if (target.exact().isPresent()) {
      FideliusVersion version = target.exact().get();
      return fallback.lookup(
          request.id().scope(), scope -> exact(names.nameOf(scope, shortName), version, fetched));
    }
    return fallback.lookup(
        request.id().scope(),
        scope -> {
          FideliusName name = names.nameOf(scope, shortName);
          if (name.equals(target.name()) && target.key().isPresent()) {
            Outcome<SecretValue> scannedRead = scannedLatest(name, target.key().get(), fetched);
            if (scannedRead != null) {
              return scannedRead;
            }
          }
          return latest(name);
        });
  }

  /**
   * The latest version as the scan knew it, read like a pinned one; null when that item has gone
   * since (a name deleted or written again): the latest is then queried.
   */
  private Outcome<SecretValue> scannedLatest(
      FideliusName name,
      ItemKey key,
      Map<ItemKey, Outcome<Optional<Map<String, AttributeValue>>>> fetched) {
    Outcome<Optional<Map<String, AttributeValue>>> found = fetched.get(key);
    if (found == null || !found.isOk() || found.value().isEmpty()) {
      return null;
    }
    return decrypt.valueOf(name, found.value().get());
  }

  private Outcome<SecretValue> latest(FideliusName name) {
    Outcome<Optional<Map<String, AttributeValue>>> found =
        CallGuard.run(
            "Query for the newest version of " + name + " in table " + table.name(),
            () ->
                newestQueries.call(
                    name.fullName(), () -> Outcome.ok(table.newestItem(name.fullName()))));
    return decryptedFound(name, found, name + " does not exist in table " + table.name());
  }

  /** The value of the item found, or why there is none; told to the scan ({@link #seen}). */
  private Outcome<SecretValue> decryptedFound(
      FideliusName name, Outcome<Optional<Map<String, AttributeValue>>> found, String missing) {
    if (!found.isOk()) {
      return Outcome.failed(found.error());
    }
    return seen(
        name,
        found
            .value()
            .map(item -> decrypt.valueOf(name, item))
            .orElseGet(() -> Outcome.failed(ErrorKind.NOT_FOUND, missing)));
  }

  /**
   * Tells the scan what a read other than its own answer returned: a version read after the scan
   * started may be newer than the one it saw (a rotation a sweep found and a sync pinned), and the
   * scan must then never answer that name with its older version.
   */
  private Outcome<SecretValue> seen(FideliusName name, Outcome<SecretValue> value) {
    if (value.isOk()) {
      scanned.sawVersion(name.fullName(), value.value().version());
    }
    return value;
  }

  private Outcome<SecretValue> exact(
      FideliusName name,
      FideliusVersion version,
      Map<ItemKey, Outcome<Optional<Map<String, AttributeValue>>>> fetched) {
    ValueCache.Key cacheKey = cacheKey(name, version);
    Optional<SecretValue> cached = cache.get(cacheKey);
    if (cached.isPresent()) {
      return seen(name, Outcome.ok(cached.get()));
    }
    Outcome<Optional<Map<String, AttributeValue>>> found =
        fetched.get(new ItemKey(name.fullName(), version.padded()));
    if (found == null) { // not in a shared call (a fallback name, or left unprocessed)
      found =
          CallGuard.run(
              "GetItem of " + name + " " + version + " in table " + table.name(),
              () -> Outcome.ok(table.item(name.fullName(), version.padded())));
    }
    return decryptedFound(
        name, found, name + " " + version + " does not exist in table " + table.name());
  }

  /**
   * One shared BatchGetItem (or a few, past 100 keys); a failure answers every key with it, except
   * a refusal: policies written for GetItem may not allow BatchGetItem, so the keys are then left
   * to GetItem one by one, and batches are not tried again for {@link #BATCH_REFUSAL_MEMORY}.
   */
  private Map<ItemKey, Outcome<Optional<Map<String, AttributeValue>>>> fetchItems(
      Collection<ItemKey> keys) {
    if (batchRefusedRecently()) {
      return Map.of();
    }
    Outcome<Map<ItemKey, Optional<Map<String, AttributeValue>>>> got =
        CallGuard.run(
            "BatchGetItem of " + keys.size() + " items in table " + table.name(),
            () -> Outcome.ok(table.items(keys)));
    Map<ItemKey, Outcome<Optional<Map<String, AttributeValue>>>> answers = new HashMap<>();
    if (got.isOk()) {
      got.value().forEach((key, item) -> answers.put(key, Outcome.ok(item)));
    } else if (got.error().kind() == ErrorKind.ACCESS_DENIED) {
      batchRefusedAt = System.nanoTime();
      LOG.info(
          "BatchGetItem on table {} is refused, reading items one GetItem each for a while: {}",
          table.name(),
          got.error());
    } else {
      keys.forEach(key -> answers.put(key, Outcome.failed(got.error())));
    }
    return answers;
  }

  private boolean batchRefusedRecently() {
    Long refused = batchRefusedAt;
    return refused != null && System.nanoTime() - refused < BATCH_REFUSAL_MEMORY.toNanos();
  }

  private ValueCache.Key cacheKey(FideliusName name, FideliusVersion version) {
    return new ValueCache.Key(storeKey, name.fullName(), version.id());
  }
}
