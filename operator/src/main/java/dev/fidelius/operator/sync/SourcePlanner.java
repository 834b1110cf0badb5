package dev.fidelius.operator.sync;

import dev.fidelius.operator.access.NameRegex;
import dev.fidelius.operator.api.DataFromSource;
import dev.fidelius.operator.api.FideliusSecretSpec;
import dev.fidelius.operator.api.SecretDataItem;
import dev.fidelius.operator.backend.BackendError;
import dev.fidelius.operator.backend.ErrorKind;
import dev.fidelius.operator.backend.Outcome;
import dev.fidelius.operator.backend.SecretId;
import dev.fidelius.operator.backend.SecretRequest;
import dev.fidelius.operator.backend.SecretScope;
import dev.fidelius.operator.backend.VersionSelector;
import dev.fidelius.operator.provider.StoreProvider;
import dev.fidelius.operator.render.SecretKeys;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a FideliusSecret spec into a {@link SourcePlan}, reporting what the CRD schema cannot catch
 * as one InvalidSpec message that names the field.
 */
public final class SourcePlanner {

  private SourcePlanner() {}

  /**
   * @param store what the store's provider supports (staging labels, JSON values)
   */
  public static Outcome<SourcePlan> plan(
      FideliusSecretSpec spec, StoreProvider.Capabilities store) {
    SecretScope scope;
    try {
      scope = new SecretScope(spec.getApplication(), spec.getComponent(), spec.getSdlc());
    } catch (IllegalArgumentException | NullPointerException e) {
      return invalid("spec: " + e.getMessage());
    }
    List<SecretDataItem> data = spec.getData() == null ? List.of() : spec.getData();
    List<DataFromSource> dataFrom = spec.getDataFrom() == null ? List.of() : spec.getDataFrom();
    Optional<String> tooMany = SpecBounds.tooMany(data.size(), dataFrom.size());
    if (tooMany.isPresent()) {
      return invalid(tooMany.get());
    }
    if (data.isEmpty() && dataFrom.isEmpty()) {
      return invalid(
          "spec.data and spec.dataFrom are both empty: name at least one secret to sync");
    }
    if (!store.jsonExtract()
        && (data.stream().anyMatch(d -> d != null && d.getProperty() != null)
            || dataFrom.stream().anyMatch(d -> d != null && d.getExtract() != null))) {
      return invalid(
          "spec.data[].property and spec.dataFrom[].extract need JSON values, which this store does not"
              + " hold");
    }
    List<SourcePlan.Item> items = new ArrayList<>();
    Map<String, Integer> keyOwners = new HashMap<>();
    for (int i = 0; i < data.size(); i++) {
      Outcome<SourcePlan.Item> item =
          item(scope, data.get(i), "spec.data[" + i + "]", store.versionStages());
      if (!item.isOk()) {
        return Outcome.failed(item.error());
      }
      Integer previous = keyOwners.put(item.value().key(), i);
      if (previous != null) {
        return invalid(
            "spec.data["
                + i
                + "] and spec.data["
                + previous
                + "] both write key \""
                + item.value().key()
                + "\"");
      }
      items.add(item.value());
    }
    List<SourcePlan.Extract> extracts = new ArrayList<>();
    List<SourcePlan.Find> finds = new ArrayList<>();
    for (int i = 0; i < dataFrom.size(); i++) {
      Optional<BackendError> problem =
          dataFrom(
              scope,
              dataFrom.get(i),
              "spec.dataFrom[" + i + "]",
              store.versionStages(),
              extracts,
              finds);
      if (problem.isPresent()) {
        return Outcome.failed(problem.get());
      }
    }
    return Outcome.ok(new SourcePlan(scope, items, extracts, finds));
  }

  private static Outcome<SourcePlan.Item> item(
      SecretScope scope, SecretDataItem d, String field, boolean storeHasStages) {
    if (d == null || d.getName() == null || d.getName().isBlank()) {
      return invalid(field + ".name is required");
    }
    String key = d.getKey() == null ? d.getName() : d.getKey();
    Optional<String> keyProblem = SecretKeys.problem(key);
    if (keyProblem.isPresent()) {
      return invalid(
          field
              + (d.getKey() == null
                  ? ": the name is not a valid Secret key, so set key: "
                  : ".key: ")
              + keyProblem.get());
    }
    Outcome<VersionSelector> version =
        version(field, d.getVersion(), d.getVersionStage(), storeHasStages);
    if (!version.isOk()) {
      return Outcome.failed(version.error());
    }
    try {
      return Outcome.ok(
          new SourcePlan.Item(
              key,
              new SecretRequest(new SecretId(scope, d.getName()), version.value()),
              blankToNull(d.getProperty())));
    } catch (IllegalArgumentException e) {
      return invalid(field + ".name: " + e.getMessage());
    }
  }

  /**
   * Adds one dataFrom entry to {@code extracts} or {@code finds}; the problem if it is not usable.
   */
  private static Optional<BackendError> dataFrom(
      SecretScope scope,
      DataFromSource source,
      String field,
      boolean storeHasStages,
      List<SourcePlan.Extract> extracts,
      List<SourcePlan.Find> finds) {
    if (source == null || (source.getFind() == null) == (source.getExtract() == null)) {
      return problem(field + " must set exactly one of find or extract");
    }
    String prefix = source.getKeyPrefix() == null ? "" : source.getKeyPrefix();
    if (source.getExtract() != null) {
      var extract = source.getExtract();
      if (extract.getName() == null || extract.getName().isBlank()) {
        return problem(field + ".extract.name is required");
      }
      Outcome<VersionSelector> version =
          version(field + ".extract", extract.getVersion(), null, storeHasStages);
      if (!version.isOk()) {
        return Optional.of(version.error());
      }
      try {
        extracts.add(
            new SourcePlan.Extract(
                new SecretRequest(new SecretId(scope, extract.getName()), version.value()),
                prefix));
        return Optional.empty();
      } catch (IllegalArgumentException e) {
        return problem(field + ".extract.name: " + e.getMessage());
      }
    }
    Outcome<Optional<NameRegex>> pattern =
        nameFilter(field + ".find.nameRegex", source.getFind().getNameRegex());
    if (!pattern.isOk()) {
      return Optional.of(pattern.error());
    }
    finds.add(new SourcePlan.Find(scope, pattern.value().orElse(null), prefix));
    return Optional.empty();
  }

  /** The name filter, compiled by RE2/J (linear-time matching, bounded compile); empty for none. */
  private static Outcome<Optional<NameRegex>> nameFilter(String field, String regex) {
    if (regex == null || regex.isEmpty()) {
      return Outcome.ok(Optional.empty());
    }
    try {
      return Outcome.ok(Optional.of(NameRegex.compile(regex)));
    } catch (IllegalArgumentException e) {
      return invalid(field + " " + e.getMessage());
    }
  }

  private static Optional<BackendError> problem(String message) {
    return Optional.of(BackendError.of(ErrorKind.INVALID_REQUEST, message));
  }

  private static Outcome<VersionSelector> version(
      String field, String version, String stage, boolean storeHasStages) {
    boolean hasVersion = version != null && !version.isBlank();
    boolean hasStage = stage != null && !stage.isBlank();
    if (hasVersion && hasStage) {
      return invalid(field + " sets both version and versionStage; choose one");
    }
    if (hasStage && !storeHasStages) {
      return invalid(
          field
              + ".versionStage is only for Secrets Manager stores; the Fidelius store has versions only");
    }
    if (hasVersion) {
      return Outcome.ok(VersionSelector.exact(version.trim()));
    }
    if (hasStage) {
      return Outcome.ok(VersionSelector.stage(stage.trim()));
    }
    return Outcome.ok(VersionSelector.LATEST);
  }

  private static <T> Outcome<T> invalid(String message) {
    return Outcome.failed(ErrorKind.INVALID_REQUEST, message);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
