package dev.fidelius.operator.sync;

import dev.fidelius.operator.backend.BackendError;
import dev.fidelius.operator.backend.SecretId;
import dev.fidelius.operator.backend.SecretScope;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one collection produced: the Secret data from every source that succeeded, the versions
 * read, and the failures. A caller writes {@code data} only when {@code failures} allow it (see the
 * deletion policy).
 *
 * @param data target key -> value bytes (never logged)
 * @param syncedVersions short secret name -> version, for the status
 * @param versionsById the version read for every latest-tracked secret, for change detection
 * @param scopeNames short names seen per dataFrom.find scope, for change detection
 * @param failures every source that failed, with typed, value-free messages
 * @param notFoundKeys target keys whose source is confirmed NotFound (for deletionPolicy Delete)
 * @param sources one result per source, in spec order, for the per-item status
 */
public record CollectedData(
    Map<String, byte[]> data,
    Map<String, String> syncedVersions,
    Map<SecretId, String> versionsById,
    Map<SecretScope, Set<String>> scopeNames,
    List<BackendError> failures,
    Set<String> notFoundKeys,
    List<SourceResult> sources) {

  public CollectedData(
      Map<String, byte[]> data,
      Map<String, String> syncedVersions,
      Map<SecretId, String> versionsById,
      Map<SecretScope, Set<String>> scopeNames,
      List<BackendError> failures,
      Set<String> notFoundKeys) {
    this(data, syncedVersions, versionsById, scopeNames, failures, notFoundKeys, List.of());
  }

  public boolean complete() {
    return failures.isEmpty();
  }

  /**
   * True when every failure is a confirmed NotFound (the only failure deletionPolicy Delete acts
   * on).
   */
  public boolean onlyNotFound() {
    return !failures.isEmpty()
        && failures.stream()
            .allMatch(f -> f.kind() == dev.fidelius.operator.backend.ErrorKind.NOT_FOUND);
  }

  @Override
  public String toString() {
    return "CollectedData[keys="
        + data.keySet()
        + ", versions="
        + syncedVersions
        + ", failures="
        + failures
        + "]";
  }
}
