package dev.fidelius.operator.backend.parameterstore;

import dev.fidelius.operator.backend.BackendError;
import dev.fidelius.operator.backend.ErrorKind;
import dev.fidelius.operator.backend.Outcome;
import dev.fidelius.operator.backend.SecretValue;
import dev.fidelius.operator.backend.ValueCache;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.ssm.model.GetParametersRequest;
import software.amazon.awssdk.services.ssm.model.GetParametersResponse;
import software.amazon.awssdk.services.ssm.model.Parameter;

/**
 * Reads values with GetParameters, ten names per call, SecureStrings decrypted by Parameter Store
 * ({@code WithDecryption}). A pinned version already read comes from the value cache. A call never
 * asks for the same parameter twice (GetParameters answers by name, so two selectors of one name
 * could not be told apart); a second selector of a name waits for the next call.
 */
final class ParameterValueReader {

  static final int MAX_NAMES_PER_CALL = 10;

  /** One read: a parameter name and a selector. */
  record Read(String name, ParameterSelector selector) {
    String requested() {
      return name + selector.suffix();
    }

    String describe() {
      return selector.suffix().isEmpty()
          ? name
          : name + " (version " + selector.suffix().substring(1) + ")";
    }
  }

  private final ParameterStoreApi api;
  private final ValueCache cache;
  private final SeenVersions seen;
  private final String storeKey;

  ParameterValueReader(
      ParameterStoreApi api, ValueCache cache, SeenVersions seen, String storeKey) {
    this.api = api;
    this.cache = cache;
    this.seen = seen;
    this.storeKey = storeKey;
  }

  /** Only pinned version numbers can be cached: a label or the current version moves. */
  Optional<SecretValue> cached(Read read) {
    if (read.selector().pinned().isEmpty()) {
      return Optional.empty();
    }
    return seen.lookup(read.name(), read.selector().pinned().getAsLong())
        .flatMap(p -> cache.get(new ValueCache.Key(storeKey, p.name(), p.cacheVersion())));
  }

  /** Reads every read with as few calls as the rules above allow. */
  Map<Read, Outcome<SecretValue>> fetch(Collection<Read> reads) {
    Map<Read, Outcome<SecretValue>> results = new HashMap<>();
    List<List<Read>> chunks = new ArrayList<>();
    for (List<Read> round : rounds(reads)) {
      for (int from = 0; from < round.size(); from += MAX_NAMES_PER_CALL) {
        chunks.add(round.subList(from, Math.min(round.size(), from + MAX_NAMES_PER_CALL)));
      }
    }
    for (int i = 0; i < chunks.size(); i++) {
      Optional<BackendError> struggling = fetchChunk(chunks.get(i), results);
      if (struggling.isPresent()) {
        chunks
            .subList(i + 1, chunks.size())
            .forEach(
                chunk ->
                    chunk.forEach(read -> results.put(read, Outcome.failed(struggling.get()))));
        return results;
      }
    }
    return results;
  }

  /** Splits the reads so that no name appears twice in one round. */
  private static List<List<Read>> rounds(Collection<Read> reads) {
    List<List<Read>> rounds = new ArrayList<>();
    List<Set<String>> namesPerRound = new ArrayList<>();
    for (Read read : new LinkedHashSet<>(reads)) {
      int round = 0;
      while (round < rounds.size() && namesPerRound.get(round).contains(read.name())) {
        round++;
      }
      if (round == rounds.size()) {
        rounds.add(new ArrayList<>());
        namesPerRound.add(new HashSet<>());
      }
      rounds.get(round).add(read);
      namesPerRound.get(round).add(read.name());
    }
    return rounds;
  }

  /**
   * @return the error when the service is throttling or unavailable, so that no further call is
   *     made
   */
  private Optional<BackendError> fetchChunk(
      List<Read> chunk, Map<Read, Outcome<SecretValue>> results) {
    GetParametersResponse response;
    try {
      response =
          api.getParameters(
              GetParametersRequest.builder()
                  .names(chunk.stream().map(Read::requested).toList())
                  .withDecryption(true)
                  .build());
    } catch (RuntimeException e) {
      BackendError error =
          ParameterStoreErrors.ofCall(
              "Parameter Store GetParameters of " + chunk.stream().map(Read::describe).toList(), e);
      chunk.forEach(read -> results.put(read, Outcome.failed(error)));
      boolean struggling =
          error.kind() == ErrorKind.THROTTLED || error.kind() == ErrorKind.UNAVAILABLE;
      return struggling ? Optional.of(error) : Optional.empty();
    }
    Map<String, Read> byName = new HashMap<>();
    chunk.forEach(read -> byName.put(read.name(), read));
    for (Parameter parameter : response.parameters()) {
      Read read = parameter.name() == null ? null : byName.get(withoutSelector(parameter.name()));
      if (read != null) {
        results.put(read, valueOf(read, parameter));
      }
    }
    for (String invalid : response.invalidParameters()) {
      chunk.stream()
          .filter(read -> read.requested().equals(invalid))
          .findFirst()
          .ifPresent(
              read ->
                  results.put(
                      read,
                      Outcome.failed(
                          ErrorKind.NOT_FOUND,
                          "Parameter Store parameter " + read.describe() + " does not exist")));
    }
    chunk.forEach(
        read ->
            results.putIfAbsent(
                read,
                Outcome.failed(
                    ErrorKind.UNAVAILABLE,
                    "Parameter Store GetParameters answered neither a value nor an error for "
                        + read.describe())));
    return Optional.empty();
  }

  private Outcome<SecretValue> valueOf(Read read, Parameter parameter) {
    if (parameter.version() == null || parameter.value() == null) {
      return Outcome.failed(
          ErrorKind.MALFORMED,
          "Parameter Store answered for " + read.describe() + " without a version or a value");
    }
    if (read.selector().pinned().isPresent()
        && read.selector().pinned().getAsLong() != parameter.version()) {
      return Outcome.failed(
          ErrorKind.MALFORMED,
          "Parameter Store answered version " + parameter.version() + " for " + read.describe());
    }
    ListedParameter version =
        new ListedParameter(read.name(), parameter.version(), parameter.lastModifiedDate());
    seen.saw(version);
    SecretValue value =
        SecretValue.text(
            read.name(),
            String.valueOf(parameter.version()),
            parameter.value(),
            parameter.lastModifiedDate());
    cache.put(new ValueCache.Key(storeKey, read.name(), version.cacheVersion()), value);
    return Outcome.ok(value);
  }

  /**
   * GetParameters may name a parameter as asked ({@code name:3}); parameter names never contain
   * ':'.
   */
  private static String withoutSelector(String name) {
    int colon = name.indexOf(':');
    return colon < 0 ? name : name.substring(0, colon);
  }
}
