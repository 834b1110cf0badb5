package dev.fidelius.operator.render;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The {@code urlquery} filter's encoding: every byte except the RFC 3986 unreserved characters
 * {@code A-Z a-z 0-9 - . _ ~} becomes {@code %XX} (uppercase hex), a space included ({@code %20},
 * not {@code +}). The result is safe in a URL's userinfo, path segment and query, which is where
 * passwords in connection strings go. Works on bytes, so it never needs the value to be valid
 * UTF-8.
 */
final class PercentEncoding {

  private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

  private PercentEncoding() {}

  /** The length of {@link #encode}'s result, computed without building it. */
  static long encodedLength(byte[] value) {
    long length = 0;
    for (byte b : value) {
      length += isUnreserved(b & 0xff) ? 1 : 3;
    }
    return length;
  }

  static byte[] encode(byte[] value) {
    ByteArrayOutputStream encoded = new ByteArrayOutputStream(value.length * 3);
    for (byte b : value) {
      int unsigned = b & 0xff;
      if (isUnreserved(unsigned)) {
        encoded.write(unsigned);
      } else {
        encoded.write('%');
        encoded.write(HEX[unsigned >>> 4]);
        encoded.write(HEX[unsigned & 0x0f]);
      }
    }
    return encoded.toByteArray();
  }

  private static boolean isUnreserved(int c) {
    return (c >= 'A' && c <= 'Z')
        || (c >= 'a' && c <= 'z')
        || (c >= '0' && c <= '9')
        || c == '-'
        || c == '.'
        || c == '_'
        || c == '~';
  }
}
