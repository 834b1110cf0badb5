package dev.fidelius.operator.access;

/**
 * Case mapping of ASCII letters only, the way the backends map applications (upper case) and SDLCs
 * and components (lower case) onto secret names, whatever the JVM's locale.
 */
final class Ascii {

  private Ascii() {}

  static String lower(String s) {
    char[] chars = s.toCharArray();
    for (int i = 0; i < chars.length; i++) {
      if (chars[i] >= 'A' && chars[i] <= 'Z') {
        chars[i] = (char) (chars[i] + ('a' - 'A'));
      }
    }
    return new String(chars);
  }

  static String upper(String s) {
    char[] chars = s.toCharArray();
    for (int i = 0; i < chars.length; i++) {
      if (chars[i] >= 'a' && chars[i] <= 'z') {
        chars[i] = (char) (chars[i] - ('a' - 'A'));
      }
    }
    return new String(chars);
  }
}
