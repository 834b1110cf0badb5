package dev.fidelius.operator.backend.secretsmanager;

import dev.fidelius.operator.backend.ErrorKind;
import dev.fidelius.operator.backend.GatheredReads;
import dev.fidelius.operator.backend.Outcome;
import dev.fidelius.operator.backend.SecretRequest;
import dev.fidelius.operator.backend.SecretValue;
import dev.fidelius.operator.backend.ValueCache;
import dev.fidelius.operator.backend.VersionSelector;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves read requests with the fewest calls: a pinned version already read comes from the value
 * cache; whatever the AWSCURRENT version can answer (the latest value, or a pinned version that is
 * current, as after change detection saw a rotation) shares BatchGetSecretValue calls; the rest
 * (other stages, older versions, and what the batch could not answer) costs one GetSecretValue
 * each.
 */
final class ValueReader {

  private static final Logger LOG = LoggerFactory.getLogger(ValueReader.class);

  /** One read to make: a secret name and an exact version or a stage. */
  private record Read(String name, VersionSelector selector) {}

  private record Pending(SecretRequest request, Read read) {}

  private final SecretsManagerNaming naming;
  private final String defaultStage;
  private final String storeKey;
  private final ValueCache cache;
  private final SeenSecrets seen;
  private final GatheredReads<String, Outcome<FetchedVersion>> batch;
  private final DirectValueFetcher direct;

  ValueReader(
      SecretsManagerNaming naming,
      String defaultStage,
      String storeKey,
      ValueCache cache,
      SeenSecrets seen,
      GatheredReads<String, Outcome<FetchedVersion>> batch,
      DirectValueFetcher direct) {
    this.naming = naming;
    this.defaultStage = defaultStage;
    this.storeKey = storeKey;
    this.cache = cache;
    this.seen = seen;
    this.batch = batch;
    this.direct = direct;
  }

  Map<SecretRequest, Outcome<SecretValue>> read(Collection<SecretRequest> requests) {
    Map<SecretRequest, Outcome<SecretValue>> results = new LinkedHashMap<>();
    Map<String, List<Pending>> forCurrent = new LinkedHashMap<>();
    List<Pending> forDirect = new ArrayList<>();
    for (SecretRequest request : new LinkedHashSet<>(requests)) {
      Optional<String> problem = naming.problemWith(request.id());
      if (problem.isPresent()) {
        results.put(request, Outcome.failed(ErrorKind.INVALID_REQUEST, problem.get()));
        continue;
      }
      Read read = new Read(naming.secretName(request.id()), resolve(request.version()));
      Optional<SecretValue> cached = cached(read);
      if (cached.isPresent()) {
        results.put(request, Outcome.ok(cached.get()));
      } else if (currentMayAnswer(read)) {
        forCurrent
            .computeIfAbsent(read.name(), name -> new ArrayList<>())
            .add(new Pending(request, read));
      } else {
        forDirect.add(new Pending(request, read));
      }
    }
    int fromCache = results.size();
    forDirect.addAll(readCurrentVersions(forCurrent, results));
    int singleReads = readOneByOne(forDirect, results);
    LOG.debug(
        "read {} requests: {} from cache, {} secrets batched, {} single reads",
        results.size(),
        fromCache,
        forCurrent.size(),
        singleReads);
    return results;
  }

  /**
   * Reads the AWSCURRENT version of each name in batches and answers the requests it satisfies.
   *
   * @return the requests it could not answer: other versions, and secrets the batch left unanswered
   */
  private List<Pending> readCurrentVersions(
      Map<String, List<Pending>> byName, Map<SecretRequest, Outcome<SecretValue>> results) {
    Map<String, Outcome<FetchedVersion>> current = batch.read(byName.keySet());
    current.values().forEach(this::remember);
    List<Pending> unanswered = new ArrayList<>();
    byName.forEach(
        (name, pendings) -> {
          Outcome<FetchedVersion> fetched = current.get(name);
          for (Pending pending : pendings) {
            if (fetched == null
                || (fetched.isOk() && !answers(fetched.value(), pending.read().selector()))) {
              unanswered.add(pending);
            } else {
              results.put(pending.request(), fetched.map(FetchedVersion::value));
            }
          }
        });
    return unanswered;
  }

  /**
   * Answers each request with GetSecretValue, one call per distinct read; returns the number of
   * calls.
   */
  private int readOneByOne(
      List<Pending> pendings, Map<SecretRequest, Outcome<SecretValue>> results) {
    Map<Read, Outcome<FetchedVersion>> reads = new HashMap<>();
    for (Pending pending : pendings) {
      Outcome<FetchedVersion> fetched =
          reads.computeIfAbsent(
              pending.read(),
              read -> {
                Outcome<FetchedVersion> outcome = direct.fetch(read.name(), read.selector());
                remember(outcome);
                return outcome;
              });
      results.put(pending.request(), fetched.map(FetchedVersion::value));
    }
    return reads.size();
  }

  /** Latest means the store's stage; exact versions and stages stay as asked. */
  private VersionSelector resolve(VersionSelector selector) {
    return selector instanceof VersionSelector.Latest
        ? VersionSelector.stage(defaultStage)
        : selector;
  }

  /** Only exact versions can be cached: a stage moves, and only a call can tell where to. */
  private Optional<SecretValue> cached(Read read) {
    if (!(read.selector() instanceof VersionSelector.Exact exact)) {
      return Optional.empty();
    }
    return seen.arnOf(read.name())
        .flatMap(arn -> cache.get(new ValueCache.Key(storeKey, arn, exact.versionId())));
  }

  /** Whether the AWSCURRENT version, all BatchGetSecretValue returns, is what the read asks for. */
  private boolean currentMayAnswer(Read read) {
    if (read.selector() instanceof VersionSelector.Exact exact) {
      // Unknown counts as maybe: a pinned version is usually the one change detection just saw as
      // current.
      return seen.awsCurrentVersionOf(read.name()).map(exact.versionId()::equals).orElse(true);
    }
    return read.selector().equals(VersionSelector.stage(SecretsManagerStoreConfig.AWSCURRENT));
  }

  private static boolean answers(FetchedVersion fetched, VersionSelector selector) {
    if (selector instanceof VersionSelector.Exact exact) {
      return fetched.versionId().equals(exact.versionId());
    }
    return selector instanceof VersionSelector.Stage stage && fetched.hasStage(stage.label());
  }

  private void remember(Outcome<FetchedVersion> outcome) {
    if (outcome.isOk()) {
      FetchedVersion fetched = outcome.value();
      cache.put(new ValueCache.Key(storeKey, fetched.arn(), fetched.versionId()), fetched.value());
      seen.fetched(fetched);
    }
  }
}
