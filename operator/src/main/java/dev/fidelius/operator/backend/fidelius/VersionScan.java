package dev.fidelius.operator.backend.fidelius;

import java.util.Map;

/**
 * What one projection scan of the table read: the newest numbered version of each name it covered,
 * and how many pages (calls) it took. A scan given a page budget stops there when the table holds
 * more, and then answers nothing: the names on its last page may have newer versions on the pages
 * it did not read.
 *
 * @param rows full name -> newest numbered version; empty when not {@code complete}
 * @param pages Scan calls made
 * @param complete false when the scan stopped at its budget with more of the table to read
 */
record VersionScan(Map<String, VersionRow> rows, long pages, boolean complete) {

  VersionScan {
    rows = Map.copyOf(rows);
  }

  static VersionScan whole(Map<String, VersionRow> rows, long pages) {
    return new VersionScan(rows, pages, true);
  }

  static VersionScan stoppedAfter(long pages) {
    return new VersionScan(Map.of(), pages, false);
  }
}
