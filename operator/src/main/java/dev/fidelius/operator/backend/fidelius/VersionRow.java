package dev.fidelius.operator.backend.fidelius;

import java.util.Comparator;
import java.util.Objects;

/**
 * The newest version of one name as a projection scan sees it, with the {@code sdlc} and {@code
 * component} attributes Fidelius writes (null when absent, as on credstash items).
 *
 * @param version the stored, padded version
 */
record VersionRow(String fullName, String version, String sdlc, String component) {

  /**
   * Newest first. Longer digit strings are larger numbers, and equal lengths compare as text, which
   * is numeric order for the padded versions and stays sensible for the odd unpadded one.
   */
  static final Comparator<VersionRow> NEWEST_FIRST =
      Comparator.comparingInt((VersionRow row) -> row.version().length())
          .thenComparing(VersionRow::version)
          .reversed();

  VersionRow {
    Objects.requireNonNull(fullName, "fullName");
    Objects.requireNonNull(version, "version");
  }
}
