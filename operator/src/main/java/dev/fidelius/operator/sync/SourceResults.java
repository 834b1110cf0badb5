package dev.fidelius.operator.sync;

import dev.fidelius.operator.backend.BackendError;
import dev.fidelius.operator.backend.SecretValue;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Collects one {@link SourceResult} per source while a collection runs, and hands them out in spec
 * order ({@code data} entries, then {@code dataFrom} extracts, then found secrets by name),
 * whatever order the collector visits them in: a stable order keeps the status from changing when
 * nothing changed.
 */
final class SourceResults {

  private final List<SourceResult> items = new ArrayList<>();
  private final List<SourceResult> extracts = new ArrayList<>();
  private final List<SourceResult> finds = new ArrayList<>();

  void item(String name, String key, SecretValue value) {
    items.add(SourceResult.read(SourceResult.DATA, name, new TreeSet<>(Set.of(key)), value));
  }

  void itemFailed(String name, String key, BackendError error) {
    items.add(SourceResult.failed(SourceResult.DATA, name, new TreeSet<>(Set.of(key)), error));
  }

  void extract(String name, Set<String> keys, SecretValue value) {
    extracts.add(SourceResult.read(SourceResult.EXTRACT, name, new TreeSet<>(keys), value));
  }

  void extractFailed(String name, BackendError error) {
    extracts.add(SourceResult.failed(SourceResult.EXTRACT, name, new TreeSet<>(), error));
  }

  void found(String name, String key, SecretValue value) {
    finds.add(SourceResult.read(SourceResult.FIND, name, new TreeSet<>(Set.of(key)), value));
  }

  void foundFailed(String name, String key, BackendError error) {
    finds.add(SourceResult.failed(SourceResult.FIND, name, new TreeSet<>(Set.of(key)), error));
  }

  /** A scope that could not be listed: one entry for the scope, as no names are known. */
  void listingFailed(String scope, BackendError error) {
    finds.add(SourceResult.failed(SourceResult.FIND, scope, new TreeSet<>(), error));
  }

  List<SourceResult> all() {
    List<SourceResult> all = new ArrayList<>(items);
    all.addAll(extracts);
    List<SourceResult> sortedFinds = new ArrayList<>(finds);
    sortedFinds.sort(
        Comparator.comparing(SourceResult::name)
            .thenComparing(r -> r.keys().isEmpty() ? "" : r.keys().first()));
    all.addAll(sortedFinds);
    return List.copyOf(all);
  }
}
