package dev.fidelius.operator.sync;

import dev.fidelius.operator.access.NameRegex;
import dev.fidelius.operator.api.DataFromSource;
import dev.fidelius.operator.api.FideliusSecretSpec;
import dev.fidelius.operator.api.SecretDataItem;
import dev.fidelius.operator.backend.ErrorKind;
import dev.fidelius.operator.backend.Outcome;
import dev.fidelius.operator.backend.SecretId;
import dev.fidelius.operator.backend.SecretRequest;
import dev.fidelius.operator.backend.SecretScope;
import dev.fidelius.operator.backend.VersionSelector;
import dev.fidelius.operator.render.SecretKeys;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a FideliusSecret spec into a {@link SourcePlan}, reporting what the CRD schema cannot catch as one
 * InvalidSpec message that names the field.
 */
public final class SourcePlanner {

  private SourcePlanner() {}

  /**
   * @param storeHasStages whether the store's backend knows staging labels (Secrets Manager)
   */
  public static Outcome<SourcePlan> plan(FideliusSecretSpec spec, boolean storeHasStages) {
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
      return invalid("spec.data and spec.dataFrom are both empty: name at least one secret to sync");
    }

    List<SourcePlan.Item> items = new ArrayList<>();
    Map<String, Integer> keyOwners = new HashMap<>();
    for (int i = 0; i < data.size(); i++) {
      SecretDataItem d = data.get(i);
      String field = "spec.data[" + i + "]";
      if (d == null || d.getName() == null || d.getName().isBlank()) {
        return invalid(field + ".name is required");
      }
      String key = d.getKey() == null ? d.getName() : d.getKey();
      Optional<String> keyProblem = SecretKeys.problem(key);
      if (keyProblem.isPresent()) {
        return invalid(field + (d.getKey() == null ? ": the name is not a valid Secret key, so set key: " : ".key: ")
            + keyProblem.get());
      }
      Integer previous = keyOwners.put(key, i);
      if (previous != null) {
        return invalid(field + " and spec.data[" + previous + "] both write key \"" + key + "\"");
      }
      Outcome<VersionSelector> version = version(field, d.getVersion(), d.getVersionStage(), storeHasStages);
      if (!version.isOk()) {
        return Outcome.failed(version.error());
      }
      SecretId id;
      try {
        id = new SecretId(scope, d.getName());
      } catch (IllegalArgumentException e) {
        return invalid(field + ".name: " + e.getMessage());
      }
      items.add(new SourcePlan.Item(key, new SecretRequest(id, version.value()), blankToNull(d.getProperty())));
    }

    List<SourcePlan.Extract> extracts = new ArrayList<>();
    List<SourcePlan.Find> finds = new ArrayList<>();
    for (int i = 0; i < dataFrom.size(); i++) {
      DataFromSource source = dataFrom.get(i);
      String field = "spec.dataFrom[" + i + "]";
      if (source == null || (source.getFind() == null) == (source.getExtract() == null)) {
        return invalid(field + " must set exactly one of find or extract");
      }
      String prefix = source.getKeyPrefix() == null ? "" : source.getKeyPrefix();
      if (source.getExtract() != null) {
        var extract = source.getExtract();
        if (extract.getName() == null || extract.getName().isBlank()) {
          return invalid(field + ".extract.name is required");
        }
        Outcome<VersionSelector> version = version(field + ".extract", extract.getVersion(), null, storeHasStages);
        if (!version.isOk()) {
          return Outcome.failed(version.error());
        }
        try {
          extracts.add(new SourcePlan.Extract(
              new SecretRequest(new SecretId(scope, extract.getName()), version.value()), prefix));
        } catch (IllegalArgumentException e) {
          return invalid(field + ".extract.name: " + e.getMessage());
        }
      } else {
        String regex = source.getFind().getNameRegex();
        NameRegex pattern = null;
        if (regex != null && !regex.isEmpty()) {
          try {
            pattern = NameRegex.compile(regex);
          } catch (IllegalArgumentException e) {
            return invalid(field + ".find.nameRegex " + e.getMessage());
          }
        }
        finds.add(new SourcePlan.Find(scope, pattern, prefix));
      }
    }
    return Outcome.ok(new SourcePlan(scope, items, extracts, finds));
  }

  private static Outcome<VersionSelector> version(String field, String version, String stage, boolean storeHasStages) {
    boolean hasVersion = version != null && !version.isBlank();
    boolean hasStage = stage != null && !stage.isBlank();
    if (hasVersion && hasStage) {
      return invalid(field + " sets both version and versionStage; choose one");
    }
    if (hasStage && !storeHasStages) {
      return invalid(field + ".versionStage is only for Secrets Manager stores; the Fidelius store has versions only");
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
