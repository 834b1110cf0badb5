package dev.fidelius.operator.backend.fidelius;

import java.util.Objects;

/** The primary key of one Fidelius item: its full name and stored (zero-padded) version. */
record ItemKey(String fullName, String paddedVersion) {

  ItemKey {
    Objects.requireNonNull(fullName, "fullName");
    Objects.requireNonNull(paddedVersion, "paddedVersion");
  }
}
