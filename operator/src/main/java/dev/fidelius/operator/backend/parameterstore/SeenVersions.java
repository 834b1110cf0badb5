package dev.fidelius.operator.backend.parameterstore;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * When each (parameter, version) seen in a listing or a read was written: what turns a pinned
 * version number into a value-cache key without a call. Bounded, least recently used out.
 * Thread-safe.
 */
final class SeenVersions {

  private record NameVersion(String name, long version) {}

  private final Map<NameVersion, Instant> written;

  SeenVersions(int max) {
    this.written =
        new LinkedHashMap<>(64, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<NameVersion, Instant> eldest) {
            return size() > max;
          }
        };
  }

  synchronized void saw(ListedParameter parameter) {
    written.put(new NameVersion(parameter.name(), parameter.version()), parameter.lastModified());
  }

  synchronized Optional<ListedParameter> lookup(String name, long version) {
    return Optional.ofNullable(written.get(new NameVersion(name, version)))
        .map(at -> new ListedParameter(name, version, at));
  }
}
