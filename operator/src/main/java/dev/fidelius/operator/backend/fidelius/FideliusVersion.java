package dev.fidelius.operator.backend.fidelius;

import java.util.Optional;

/**
 * A version number of a Fidelius secret. The table stores it as the sort key, left-padded with
 * zeros to 19 digits so that string order is numeric order ({@code 0000000000000000003});
 * everywhere else (status, pins in a FideliusSecret) it is the plain decimal ({@code 3}). Fidelius
 * starts at 1, credstash's plain {@code put} at 0.
 */
public record FideliusVersion(long number) implements Comparable<FideliusVersion> {

  static final int PADDED_DIGITS = 19;

  /** The version Fidelius gives the first write of a name. */
  public static final FideliusVersion FIRST = new FideliusVersion(1);

  public FideliusVersion {
    if (number < 0) {
      throw new IllegalArgumentException("version must not be negative: " + number);
    }
  }

  /** Parses a sort key as stored: exactly 19 ASCII digits. Empty for anything else. */
  public static Optional<FideliusVersion> fromPadded(String stored) {
    if (stored == null || stored.length() != PADDED_DIGITS) {
      return Optional.empty();
    }
    return parseDigits(stored);
  }

  /** Parses a version id as users write it: {@code 3}, or padded {@code 0000000000000000003}. */
  public static Optional<FideliusVersion> fromId(String id) {
    if (id == null || id.isEmpty() || id.length() > PADDED_DIGITS) {
      return Optional.empty();
    }
    return parseDigits(id);
  }

  private static Optional<FideliusVersion> parseDigits(String digits) {
    for (int i = 0; i < digits.length(); i++) {
      char c = digits.charAt(i);
      if (c < '0' || c > '9') {
        return Optional.empty();
      }
    }
    try {
      return Optional.of(new FideliusVersion(Long.parseLong(digits)));
    } catch (NumberFormatException tooLarge) {
      return Optional.empty();
    }
  }

  /** The sort key as stored in the table. */
  public String padded() {
    return String.format("%019d", number);
  }

  /** The public version id: the unpadded decimal. */
  public String id() {
    return Long.toString(number);
  }

  public FideliusVersion next() {
    return new FideliusVersion(Math.addExact(number, 1));
  }

  @Override
  public int compareTo(FideliusVersion other) {
    return Long.compare(number, other.number);
  }

  @Override
  public String toString() {
    return "v" + number;
  }
}
