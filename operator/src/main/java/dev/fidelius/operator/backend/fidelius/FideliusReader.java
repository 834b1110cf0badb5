package dev.fidelius.operator.backend.fidelius;

import dev.fidelius.operator.backend.ChangeFeed;
import dev.fidelius.operator.backend.ErrorKind;
import dev.fidelius.operator.backend.Outcome;
import dev.fidelius.operator.backend.SecretBackend;
import dev.fidelius.operator.backend.SecretId;
import dev.fidelius.operator.backend.SecretListing;
import dev.fidelius.operator.backend.SecretRequest;
import dev.fidelius.operator.backend.SecretScope;
import dev.fidelius.operator.backend.SecretValue;
import dev.fidelius.operator.backend.ValueCache;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * The Fidelius store (DynamoDB + KMS) as a {@link SecretBackend}: reads items written by Fidelius,
 * its SDK and credstash, verifies and decrypts them, with the SDK's component fallback and the
 * shared value cache. Thread-safe; never throws for AWS or data failures.
 */
public final class FideliusReader implements SecretBackend {

  private final FideliusNames names;
  private final CurrentVersionLookup versions;
  private final SecretValueReader values;
  private final ScopeLister lister;
  private final ScannedVersions scanned;
  private volatile ChangeFeed changeFeed;

  /**
   * @param dynamo a client for the store's region (and endpoint), with the reading identity
   * @param kms a client for the same region and identity
   * @param cache the value cache shared by everything that reads through the same identity
   */
  public FideliusReader(
      DynamoDbClient dynamo, KmsClient kms, FideliusStoreConfig config, ValueCache cache) {
    this(
        new DynamoDbFideliusTable(dynamo, config.table()),
        new KmsDataKeys(kms),
        config,
        cache,
        Clock.systemUTC());
  }

  FideliusReader(
      FideliusTable table,
      DataKeyDecryptor dataKeys,
      FideliusStoreConfig config,
      ValueCache cache,
      Clock clock) {
    this(table, dataKeys, config, cache, new VersionLookupPlanner(clock));
  }

  FideliusReader(
      FideliusTable table,
      DataKeyDecryptor dataKeys,
      FideliusStoreConfig config,
      ValueCache cache,
      VersionLookupPlanner planner) {
    this.names = new FideliusNames(config.contextKeys());
    ComponentFallback fallback = new ComponentFallback(config.componentFallback());
    this.versions = new CurrentVersionLookup(table, names, fallback, planner);
    this.scanned = new ScannedVersions(table, planner, planner.clock(), this::noLiveChangeFeed);
    this.values =
        new SecretValueReader(
            table, names, fallback, new ItemDecryptor(dataKeys), cache, config.storeKey(), scanned);
    this.lister = new ScopeLister(table, names);
  }

  /**
   * Announces changes through {@code feed} (the table's stream); set once, when the store is
   * connected.
   */
  FideliusReader withChangeFeed(ChangeFeed feed) {
    this.changeFeed = feed;
    return this;
  }

  /**
   * The table's stream announced a change of this item name: reads of its latest version must not
   * be answered from a scan taken before.
   */
  void noticed(String fullName) {
    scanned.noticed(fullName);
  }

  private boolean noLiveChangeFeed() {
    ChangeFeed feed = changeFeed;
    return feed == null || !feed.state().live();
  }

  /** Items names the same way as this reader does, for the change feed's notices. */
  FideliusNames names() {
    return names;
  }

  @Override
  public Optional<ChangeFeed> changeFeed() {
    return Optional.ofNullable(changeFeed);
  }

  @Override
  public Map<SecretId, Outcome<String>> currentVersions(Collection<SecretId> ids) {
    Map<SecretId, Outcome<String>> result = new LinkedHashMap<>();
    List<SecretId> lookups = new ArrayList<>();
    for (SecretId id : new LinkedHashSet<>(ids)) {
      if (inMetadataNamespace(id.scope())) {
        result.put(id, metadataRefusal(id.toString()));
      } else {
        lookups.add(id);
      }
    }
    if (!lookups.isEmpty()) {
      Outcome<Map<SecretId, Outcome<String>>> found =
          CallGuard.run(
              "Current versions of " + lookups.size() + " secrets",
              () -> Outcome.ok(versions.currentVersions(lookups)));
      for (SecretId id : lookups) {
        result.put(id, found.isOk() ? found.value().get(id) : Outcome.failed(found.error()));
      }
    }
    return result;
  }

  @Override
  public Map<SecretRequest, Outcome<SecretValue>> read(Collection<SecretRequest> requests) {
    Map<SecretRequest, Outcome<SecretValue>> result = new LinkedHashMap<>();
    List<SecretRequest> readable = new ArrayList<>();
    for (SecretRequest request : new LinkedHashSet<>(requests)) {
      if (inMetadataNamespace(request.id().scope())) {
        result.put(request, metadataRefusal(request.toString()));
      } else {
        readable.add(request);
      }
    }
    if (!readable.isEmpty()) {
      Outcome<Map<SecretRequest, Outcome<SecretValue>>> read =
          CallGuard.run(
              "Reading " + readable.size() + " secrets", () -> Outcome.ok(values.read(readable)));
      for (SecretRequest request : readable) {
        result.put(request, read.isOk() ? read.value().get(request) : Outcome.failed(read.error()));
      }
    }
    return result;
  }

  @Override
  public Outcome<List<SecretListing>> list(SecretScope scope) {
    if (inMetadataNamespace(scope)) {
      return metadataRefusal(scope.toString());
    }
    return CallGuard.run("Listing " + scope, () -> lister.list(scope));
  }

  /** Every scope from one projection scan, however many scopes there are. */
  @Override
  public Map<SecretScope, Outcome<List<SecretListing>>> listAll(Collection<SecretScope> scopes) {
    Map<SecretScope, Outcome<List<SecretListing>>> result = new LinkedHashMap<>();
    List<SecretScope> listable = new ArrayList<>();
    for (SecretScope scope : new LinkedHashSet<>(scopes)) {
      if (inMetadataNamespace(scope)) {
        result.put(scope, metadataRefusal(scope.toString()));
      } else {
        listable.add(scope);
      }
    }
    if (!listable.isEmpty()) {
      Outcome<Map<SecretScope, Outcome<List<SecretListing>>>> listed =
          CallGuard.run(
              "Listing " + listable.size() + " scope(s)",
              () -> Outcome.ok(lister.listAll(listable)));
      listable.forEach(
          scope ->
              result.put(
                  scope,
                  listed.isOk() ? listed.value().get(scope) : Outcome.failed(listed.error())));
    }
    return result;
  }

  /**
   * An application spelled {@code META#...} would name Fidelius metadata records, which are not
   * secrets.
   */
  private boolean inMetadataNamespace(SecretScope scope) {
    return FideliusNames.isMetadataName(names.applicationPrefixOf(scope));
  }

  private static <T> Outcome<T> metadataRefusal(String what) {
    return Outcome.failed(
        ErrorKind.INVALID_REQUEST,
        what
            + ": names starting with "
            + FideliusNames.METADATA_PREFIX
            + " are Fidelius metadata records, not secrets");
  }
}
