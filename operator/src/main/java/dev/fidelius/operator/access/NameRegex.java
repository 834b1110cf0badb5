package dev.fidelius.operator.access;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.regex.Matcher;

/**
 * A tenant's name filter ({@code dataFrom.find.nameRegex}), matched in time linear in the name by
 * RE2/J, an automaton-based engine with Go's RE2 syntax: no backreferences, no lookaround, so no
 * pattern can backtrack (the JDK's engine took minutes on {@code (?:.|.|.|.|.|.|.|.)*?\x00} against
 * an 11-character name).
 *
 * <p>RE2/J compiles a counted repetition by copying its operand, so {@code ((a{1000}){1000}){1000}}
 * would need a billion instructions and fill the heap while compiling. The product of every counted
 * repetition's count in a pattern is therefore bounded ({@link #MAX_REPEAT_PRODUCT}), as is the
 * pattern's length.
 */
public final class NameRegex {

  /** Characters of one pattern (also the CRD schema's maxLength). */
  public static final int MAX_LENGTH = dev.fidelius.operator.api.SpecLimits.MAX_NAME_REGEX_CHARS;

  /**
   * The product of the counts of all {@code {n}}, {@code {n,}} and {@code {n,m}} in one pattern.
   */
  public static final int MAX_REPEAT_PRODUCT = 1000;

  private static final java.util.regex.Pattern COUNTED_REPEAT =
      java.util.regex.Pattern.compile("\\{([0-9]+)(,([0-9]*))?\\}");

  private final Pattern pattern;

  private NameRegex(Pattern pattern) {
    this.pattern = pattern;
  }

  /**
   * The compiled filter.
   *
   * @throws IllegalArgumentException with a one-line reason (naming the pattern's problem, not a
   *     value) when the pattern is too long, repeats too much, or is not RE2 syntax
   */
  public static NameRegex compile(String regex) {
    if (regex.length() > MAX_LENGTH) {
      throw new IllegalArgumentException(
          "is " + regex.length() + " characters long; at most " + MAX_LENGTH + " are allowed");
    }
    long product = repeatProduct(regex);
    if (product > MAX_REPEAT_PRODUCT) {
      throw new IllegalArgumentException(
          "repeats too much: the counts of its {n,m} repetitions multiply to "
              + (product == Long.MAX_VALUE
                  ? "more than " + Integer.MAX_VALUE
                  : String.valueOf(product))
              + ", at most "
              + MAX_REPEAT_PRODUCT
              + " are allowed");
    }
    try {
      return new NameRegex(Pattern.compile(regex));
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException(
          "is not a valid regular expression (RE2 syntax): " + e.getDescription());
    }
  }

  /** Whether the pattern occurs anywhere in {@code name} (unanchored, as {@code find}). */
  public boolean matches(String name) {
    return pattern.matcher(name).find();
  }

  @Override
  public String toString() {
    return pattern.pattern();
  }

  /**
   * The product of every counted repetition's count (the larger bound, or n+1 for {@code {n,}}).
   * Counts every brace pair that looks like a repetition outside backslash escapes, even inside a
   * character class or a {@code \Q...\E} quote where it is literal: over-counting only refuses
   * more.
   */
  static long repeatProduct(String regex) {
    StringBuilder unescaped = new StringBuilder(regex.length());
    for (int i = 0; i < regex.length(); i++) {
      char c = regex.charAt(i);
      if (c == '\\') {
        i++; // the escaped character is literal (\{ is a brace), or a class like \d: never a
        // repetition
        unescaped.append('_');
        continue;
      }
      unescaped.append(c);
    }
    long product = 1;
    Matcher m = COUNTED_REPEAT.matcher(unescaped);
    while (m.find()) {
      long min = count(m.group(1));
      long count = m.group(2) == null ? min : m.group(3).isEmpty() ? min + 1 : count(m.group(3));
      product =
          Math.max(1, count) > Long.MAX_VALUE / product
              ? Long.MAX_VALUE
              : product * Math.max(1, count);
    }
    return product;
  }

  /**
   * A repetition count; a huge one (RE2 refuses over 1000 anyway) as a billion, so the product
   * overflows.
   */
  private static long count(String digits) {
    return digits.length() > 9 ? 1_000_000_000L : Long.parseLong(digits);
  }
}
