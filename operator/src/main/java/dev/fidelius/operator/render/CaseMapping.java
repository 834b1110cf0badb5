package dev.fidelius.operator.render;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Upper- and lower-casing for the {@code upper} and {@code lower} filters, in linear time with the
 * JDK's exact results. {@link String#toUpperCase} grows its result array by one character for every
 * character that expands (German sharp s becomes SS), which is quadratic: half a million such
 * characters took over a minute and hundreds of GB of allocation. So the JDK maps only runs of text
 * holding no expanding character, and each expanding character is appended from a table computed
 * once (Locale.ROOT upper-casing depends on no context). Lower-casing expands one character only,
 * which is respelled so that it does not expand (see {@link #CAPITAL_I_WITH_DOT}).
 */
final class CaseMapping {

  private static final Map<Character, String> UPPER_EXPANDING = upperExpanding();

  /**
   * The one character whose Locale.ROOT lower case is longer (U+0130 becomes i and a combining
   * dot). Written as I and the combining dot before lower-casing, it maps to the same text without
   * expanding, and is still a cased letter followed by a case-ignorable mark for the final-sigma
   * rule.
   */
  private static final char CAPITAL_I_WITH_DOT = '\u0130';

  private static final String I_AND_COMBINING_DOT = "I\u0307";

  private CaseMapping() {}

  static String upper(String text) {
    StringBuilder mapped = new StringBuilder(text.length());
    int runStart = 0;
    for (int i = 0; i < text.length(); i++) {
      String expansion = UPPER_EXPANDING.get(text.charAt(i));
      if (expansion != null) {
        mapped.append(text.substring(runStart, i).toUpperCase(Locale.ROOT)).append(expansion);
        runStart = i + 1;
      }
    }
    return mapped.append(text.substring(runStart).toUpperCase(Locale.ROOT)).toString();
  }

  static String lower(String text) {
    StringBuilder spelled = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == CAPITAL_I_WITH_DOT) {
        if (spelled == null) {
          spelled = new StringBuilder(text.length() + 16).append(text, 0, i);
        }
        spelled.append(I_AND_COMBINING_DOT);
      } else if (spelled != null) {
        spelled.append(c);
      }
    }
    return (spelled == null ? text : spelled.toString()).toLowerCase(Locale.ROOT);
  }

  /**
   * Every BMP character whose case mapping is longer than one character (SpecialCasing.txt; all in
   * the BMP).
   */
  private static Map<Character, String> upperExpanding() {
    Map<Character, String> table = new TreeMap<>();
    for (int c = 0x80; c <= 0xFFFF; c++) {
      if (Character.isSurrogate((char) c)) {
        continue;
      }
      String single = String.valueOf((char) c);
      String mapped = single.toUpperCase(Locale.ROOT);
      if (mapped.length() > 1) {
        table.put((char) c, mapped);
      }
    }
    return Map.copyOf(table);
  }
}
