package dev.fidelius.cli.commands;

import dev.fidelius.cli.output.Rows;
import dev.fidelius.operator.api.FideliusSecret;
import dev.fidelius.operator.api.SourceItemStatus;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code fidelius status --items}: one row per source a FideliusSecret reads, from its
 * status.items. The audit view: what each secret is, which version the Secret holds, and when and
 * by whom the store says it changed. Status holds no value, so neither does this.
 */
final class StatusItems {

  private StatusItems() {}

  static Rows rows(List<FideliusSecret> secrets) {
    Rows rows =
        new Rows(
            "namespace",
            "name",
            "source",
            "item",
            "keys",
            "state",
            "version",
            "updatedOn",
            "updatedBy",
            "message");
    for (FideliusSecret s : secrets) {
      var status = s.getStatus();
      if (status == null || status.getItems() == null) {
        continue;
      }
      for (SourceItemStatus item : status.getItems()) {
        rows.add(
            s.getMetadata().getNamespace(),
            s.getMetadata().getName(),
            item.getSource(),
            item.getName(),
            keys(item),
            item.getState(),
            item.getVersion(),
            item.getUpdatedOn(),
            item.getUpdatedBy(),
            item.getMessage());
      }
      Integer omitted = status.getItemsOmitted();
      if (omitted != null && omitted > 0) {
        // The operator lists a bounded number of sources; say how many it left out.
        rows.add(
            s.getMetadata().getNamespace(),
            s.getMetadata().getName(),
            null,
            "+" + omitted + " more",
            null,
            null,
            null,
            null,
            null,
            "not listed in status.items");
      }
    }
    return rows;
  }

  private static List<String> keys(SourceItemStatus item) {
    List<String> keys = item.getKeys() == null ? List.of() : item.getKeys();
    Integer more = item.getKeysOmitted();
    if (more == null || more == 0) {
      return keys;
    }
    return Stream.concat(keys.stream(), Stream.of("+" + more)).toList();
  }
}
