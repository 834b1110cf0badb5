package dev.fidelius.e2e.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One HTTP/1.1 request or response as the fault proxy sees it: start line, headers in order, and
 * the whole body (de-chunked). Small on purpose: AWS SDK traffic to the emulators is small JSON or
 * form bodies.
 */
final class HttpMessage {

  /** Headers that describe one connection, not the message; the proxy sets its own. */
  private static final List<String> HOP_BY_HOP =
      List.of(
          "connection",
          "keep-alive",
          "transfer-encoding",
          "content-length",
          "proxy-connection",
          "expect",
          "te",
          "trailer",
          "upgrade");

  final String startLine;
  final List<String[]> headers;
  final byte[] body;

  HttpMessage(String startLine, List<String[]> headers, byte[] body) {
    this.startLine = startLine;
    this.headers = headers;
    this.body = body;
  }

  Optional<String> header(String name) {
    return headers.stream().filter(h -> h[0].equalsIgnoreCase(name)).map(h -> h[1]).findFirst();
  }

  HttpMessage withBody(byte[] newBody) {
    return new HttpMessage(startLine, headers, newBody);
  }

  int status() {
    String[] parts = startLine.split(" ", 3);
    return Integer.parseInt(parts[1]);
  }

  String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /**
   * Reads a request; {@code null} when the peer closed the connection before sending one. Answers
   * {@code Expect: 100-continue} itself, since the body is read before anything is forwarded.
   */
  static HttpMessage readRequest(InputStream in, OutputStream continueTo) throws IOException {
    String start = readLine(in);
    while (start != null && start.isEmpty()) {
      start = readLine(in);
    }
    if (start == null) {
      return null;
    }
    List<String[]> headers = readHeaders(in);
    HttpMessage head = new HttpMessage(start, headers, new byte[0]);
    if (head.header("Expect").map(v -> v.equalsIgnoreCase("100-continue")).orElse(false)) {
      continueTo.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
      continueTo.flush();
    }
    return new HttpMessage(start, headers, readBody(in, head, false));
  }

  /** Reads a response from an upstream asked for {@code Connection: close}. */
  static HttpMessage readResponse(InputStream in) throws IOException {
    String start = readLine(in);
    if (start == null) {
      throw new IOException("upstream closed the connection without a response");
    }
    List<String[]> headers = readHeaders(in);
    HttpMessage head = new HttpMessage(start, headers, new byte[0]);
    int status = head.status();
    if (status == 100) {
      return readResponse(in);
    }
    boolean noBody = status == 204 || status == 304 || (status >= 100 && status < 200);
    return new HttpMessage(start, headers, noBody ? new byte[0] : readBody(in, head, true));
  }

  /** Writes the message with its own framing (Content-Length) and the given Connection header. */
  void writeTo(OutputStream out, String connection) throws IOException {
    StringBuilder sb = new StringBuilder(startLine).append("\r\n");
    for (String[] h : headers) {
      if (!HOP_BY_HOP.contains(h[0].toLowerCase(Locale.ROOT))) {
        sb.append(h[0]).append(": ").append(h[1]).append("\r\n");
      }
    }
    boolean isRequest = !startLine.startsWith("HTTP/");
    if (body.length > 0
        || !isRequest
        || startLine.startsWith("POST")
        || startLine.startsWith("PUT")) {
      sb.append("Content-Length: ").append(body.length).append("\r\n");
    }
    sb.append("Connection: ").append(connection).append("\r\n\r\n");
    out.write(sb.toString().getBytes(StandardCharsets.ISO_8859_1));
    out.write(body);
    out.flush();
  }

  private static List<String[]> readHeaders(InputStream in) throws IOException {
    List<String[]> headers = new ArrayList<>();
    for (String line = readLine(in); line != null && !line.isEmpty(); line = readLine(in)) {
      int colon = line.indexOf(':');
      if (colon > 0) {
        headers.add(
            new String[] {line.substring(0, colon).trim(), line.substring(colon + 1).trim()});
      }
    }
    return headers;
  }

  private static byte[] readBody(InputStream in, HttpMessage head, boolean untilCloseIfUnframed)
      throws IOException {
    if (head.header("Transfer-Encoding")
        .map(v -> v.toLowerCase(Locale.ROOT).contains("chunked"))
        .orElse(false)) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      while (true) {
        String sizeLine = readLine(in);
        if (sizeLine == null) {
          throw new IOException("connection closed inside a chunked body");
        }
        int semi = sizeLine.indexOf(';');
        int size = Integer.parseInt((semi < 0 ? sizeLine : sizeLine.substring(0, semi)).trim(), 16);
        if (size == 0) {
          while (true) { // trailers up to the empty line
            String trailer = readLine(in);
            if (trailer == null || trailer.isEmpty()) {
              break;
            }
          }
          return out.toByteArray();
        }
        out.write(in.readNBytes(size));
        readLine(in);
      }
    }
    Optional<String> length = head.header("Content-Length");
    if (length.isPresent()) {
      int n = Integer.parseInt(length.get().trim());
      byte[] body = in.readNBytes(n);
      if (body.length != n) {
        throw new IOException("connection closed inside a body");
      }
      return body;
    }
    return untilCloseIfUnframed ? in.readAllBytes() : new byte[0];
  }

  /** A CRLF- (or LF-) terminated line in ISO-8859-1; null at end of stream before any byte. */
  private static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) != -1) {
      if (b == '\n') {
        byte[] bytes = line.toByteArray();
        int len =
            bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        return new String(bytes, 0, len, StandardCharsets.ISO_8859_1);
      }
      line.write(b);
    }
    return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
  }
}
