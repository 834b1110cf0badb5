package dev.fidelius.operator.reconciler;

import dev.fidelius.operator.api.FideliusSecretStatus;
import dev.fidelius.operator.api.SourceItemStatus;
import dev.fidelius.operator.sync.SourceResult;
import dev.fidelius.operator.sync.SyncReport;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The per-item part of a FideliusSecret's status: one entry per source, saying what the Secret
 * holds of it (version, the store's change time and author) and whether it is Synced, Pending or
 * failed on its own.
 *
 * <p>The entries describe the Secret, not the last read: when a sync wrote nothing (another source
 * failed), a source read fine but rotated is Pending and still shows the version the Secret keeps.
 * Bounded: the first {@value #MAX_ITEMS} entries, {@value #MAX_KEYS} keys each, store-recorded text
 * cut short. Nothing in an entry changes unless the source does, so an unchanged resource needs no
 * status write.
 */
final class ItemStatusProjection {

  static final int MAX_ITEMS = 250;
  static final int MAX_KEYS = 20;
  static final int MAX_TEXT = 256;
  static final String SYNCED = "Synced";
  static final String PENDING = "Pending";

  private ItemStatusProjection() {}

  /**
   * Sets items, itemsOmitted and itemsSummary of {@code next}; keeps the previous ones when nothing
   * was read.
   */
  static void project(FideliusSecretStatus previous, SyncReport report, FideliusSecretStatus next) {
    if (report.sources() == null) {
      next.setItems(previous.getItems());
      next.setItemsOmitted(previous.getItemsOmitted());
      next.setItemsSummary(previous.getItemsSummary());
      return;
    }
    boolean written = report.dataHash() != null;
    Map<String, SourceItemStatus> before = byKey(previous.getItems());
    List<SourceItemStatus> items = new ArrayList<>();
    int synced = 0;
    for (SourceResult result : report.sources()) {
      SourceItemStatus item = entry(result, written, before.get(key(result.from(), result.name())));
      synced += SYNCED.equals(item.getState()) ? 1 : 0;
      if (items.size() < MAX_ITEMS) {
        items.add(item);
      }
    }
    int total = report.sources().size();
    next.setItems(items.isEmpty() ? null : items);
    next.setItemsOmitted(total > MAX_ITEMS ? total - MAX_ITEMS : null);
    next.setItemsSummary(synced + "/" + total);
  }

  private static SourceItemStatus entry(
      SourceResult result, boolean written, SourceItemStatus before) {
    SourceItemStatus item = new SourceItemStatus();
    item.setSource(result.from());
    item.setName(bounded(result.name()));
    List<String> keys = result.keys().stream().limit(MAX_KEYS).toList();
    item.setKeys(keys.isEmpty() ? null : keys);
    item.setKeysOmitted(result.keys().size() > MAX_KEYS ? result.keys().size() - MAX_KEYS : null);
    boolean holdsRead =
        written || (before != null && result.ok() && result.version().equals(before.getVersion()));
    if (result.ok() && holdsRead) {
      item.setVersion(bounded(result.version()));
      item.setUpdatedOn(
          result.updatedOn() == null
              ? null
              : result.updatedOn().truncatedTo(ChronoUnit.SECONDS).toString());
      item.setUpdatedBy(bounded(result.updatedBy()));
      item.setState(SYNCED);
      return item;
    }
    if (before != null && !written) {
      // The Secret keeps the last good data: say which version of this source that is.
      item.setVersion(before.getVersion());
      item.setUpdatedOn(before.getUpdatedOn());
      item.setUpdatedBy(before.getUpdatedBy());
    }
    if (result.ok()) {
      item.setState(PENDING);
      item.setMessage(
          bounded(
              "version " + result.version() + " read; not written yet, see the Ready condition"));
    } else {
      item.setState(result.error().kind().reason());
      item.setMessage(bounded(result.error().message()));
    }
    return item;
  }

  private static Map<String, SourceItemStatus> byKey(List<SourceItemStatus> items) {
    Map<String, SourceItemStatus> map = new HashMap<>();
    if (items != null) {
      items.forEach(i -> map.putIfAbsent(key(i.getSource(), i.getName()), i));
    }
    return map;
  }

  private static String key(String from, String name) {
    return from + "\n" + name;
  }

  /**
   * Store-recorded text (names, authors, messages) is tenant-written: no control characters,
   * bounded length.
   */
  static String bounded(String text) {
    if (text == null) {
      return null;
    }
    String clean =
        text.codePoints()
            .map(c -> Character.isISOControl(c) ? ' ' : c)
            .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
            .toString();
    return clean.length() > MAX_TEXT ? clean.substring(0, MAX_TEXT) + "..." : clean;
  }
}
