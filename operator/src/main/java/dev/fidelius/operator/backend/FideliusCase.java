package dev.fidelius.operator.backend;

/**
 * The Fidelius case rules shared by both backends' names: application upper-case, component and
 * sdlc lower-case. Only ASCII letters change case, whatever the JVM's locale (a Turkish default
 * locale would otherwise turn {@code app} into {@code APP} with a dotted capital I), so a name maps
 * the same way on every machine.
 */
public final class FideliusCase {

  private FideliusCase() {}

  public static String upper(String s) {
    char[] chars = s.toCharArray();
    for (int i = 0; i < chars.length; i++) {
      if (chars[i] >= 'a' && chars[i] <= 'z') {
        chars[i] = (char) (chars[i] - ('a' - 'A'));
      }
    }
    return new String(chars);
  }

  public static String lower(String s) {
    char[] chars = s.toCharArray();
    for (int i = 0; i < chars.length; i++) {
      if (chars[i] >= 'A' && chars[i] <= 'Z') {
        chars[i] = (char) (chars[i] + ('a' - 'A'));
      }
    }
    return new String(chars);
  }
}
