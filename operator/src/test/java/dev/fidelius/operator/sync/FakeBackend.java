package dev.fidelius.operator.sync;

import dev.fidelius.operator.backend.ErrorKind;
import dev.fidelius.operator.backend.Outcome;
import dev.fidelius.operator.backend.SecretBackend;
import dev.fidelius.operator.backend.SecretId;
import dev.fidelius.operator.backend.SecretListing;
import dev.fidelius.operator.backend.SecretRequest;
import dev.fidelius.operator.backend.SecretScope;
import dev.fidelius.operator.backend.SecretValue;
import dev.fidelius.operator.backend.VersionSelector;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-memory backend: secrets with numbered versions, optional forced failures, and a log of
 * reads.
 */
final class FakeBackend implements SecretBackend {

  private final Map<SecretId, List<String>> versions = new HashMap<>();
  private final Map<SecretId, ErrorKind> failures = new HashMap<>();
  final List<SecretRequest> reads = java.util.Collections.synchronizedList(new ArrayList<>());
  final AtomicInteger readCalls = new AtomicInteger();

  /** The secrets each read call read at their latest version (calls with any), in call order. */
  final List<List<String>> latestReadsPerCall =
      java.util.Collections.synchronizedList(new ArrayList<>());

  final AtomicInteger versionQueries = new AtomicInteger();
  private final java.util.Set<SecretId> hidden = new java.util.HashSet<>();

  /** Runs at the start of every read call (on the reading thread), e.g. to hold a read. */
  volatile Runnable beforeRead = () -> {};

  String put(SecretId id, String value) {
    List<String> list = versions.computeIfAbsent(id, k -> new ArrayList<>());
    list.add(value);
    return String.valueOf(list.size());
  }

  void fail(SecretId id, ErrorKind kind) {
    failures.put(id, kind);
  }

  /** Version queries (listings) report the secret missing while reads still find it. */
  void hideFromVersionQueries(SecretId id) {
    hidden.add(id);
  }

  void heal(SecretId id) {
    failures.remove(id);
  }

  @Override
  public Map<SecretId, Outcome<String>> currentVersions(Collection<SecretId> ids) {
    versionQueries.incrementAndGet();
    Map<SecretId, Outcome<String>> result = new LinkedHashMap<>();
    for (SecretId id : ids) {
      List<String> list = hidden.contains(id) ? null : versions.get(id);
      result.put(
          id,
          list == null
              ? Outcome.failed(ErrorKind.NOT_FOUND, id + " not found")
              : Outcome.ok(String.valueOf(list.size())));
    }
    return result;
  }

  @Override
  public Map<SecretRequest, Outcome<SecretValue>> read(Collection<SecretRequest> requests) {
    beforeRead.run();
    readCalls.incrementAndGet();
    List<String> latest =
        requests.stream()
            .filter(r -> r.version() instanceof VersionSelector.Latest)
            .map(r -> r.id().name())
            .toList();
    if (!latest.isEmpty()) {
      latestReadsPerCall.add(latest);
    }
    Map<SecretRequest, Outcome<SecretValue>> result = new LinkedHashMap<>();
    for (SecretRequest r : requests) {
      reads.add(r);
      ErrorKind failure = failures.get(r.id());
      List<String> list = versions.get(r.id());
      if (failure != null) {
        result.put(r, Outcome.failed(failure, "fake " + failure.reason() + " for " + r.id()));
      } else if (list == null) {
        result.put(r, Outcome.failed(ErrorKind.NOT_FOUND, r.id() + " not found"));
      } else {
        int index =
            r.version() instanceof VersionSelector.Exact e
                ? Integer.parseInt(e.versionId())
                : list.size();
        result.put(
            r,
            Outcome.ok(
                SecretValue.text(
                    r.id().toString(), String.valueOf(index), list.get(index - 1), null)));
      }
    }
    return result;
  }

  @Override
  public Outcome<List<SecretListing>> list(SecretScope scope) {
    List<SecretListing> listed = new ArrayList<>();
    versions.forEach(
        (id, list) -> {
          if (id.scope().equals(scope)) {
            listed.add(new SecretListing(id, id.toString(), String.valueOf(list.size())));
          }
        });
    return Outcome.ok(listed);
  }
}
