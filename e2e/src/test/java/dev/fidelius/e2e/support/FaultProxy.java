package dev.fidelius.e2e.support;

import dev.fidelius.operator.testsupport.FreePorts;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A loopback HTTP proxy of our own in front of a real emulator (moto): every request is forwarded
 * unchanged to the real server, except a configurable share that gets an AWS-shaped throttling or
 * server error instead. It is an injection point in front of real servers, not a fake of AWS.
 *
 * <p>It also observes what passes: requests per operation, the access key id each request was
 * signed with, and the STS web-identity sessions issued (so a test can show the operator's
 * credentials came from STS and were refreshed). It can {@link #down() refuse connections} while
 * the server behind it is stopped, so the client sees exactly what a stopped server gives:
 * connection refused on a stable endpoint.
 */
public final class FaultProxy implements AutoCloseable {

  /** What to answer instead of forwarding. */
  public enum Fault {
    THROTTLE,
    SERVER_ERROR,
    /** An IAM refusal (AccessDeniedException): an answer, not an outage. */
    ACCESS_DENIED
  }

  /**
   * An STS AssumeRoleWithWebIdentity answered through this proxy (no secret material: key id,
   * times, hash).
   */
  public record WebIdentitySession(
      Instant issuedAt, String accessKeyId, Instant expiration, String tokenSha256) {}

  private static final Pattern CREDENTIAL =
      Pattern.compile("Credential=([A-Za-z0-9]+)/[0-9]{8}/([^/]+)/([^/]+)/aws4_request");

  private final String name;
  private final int port;
  private final ExecutorService connections;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final Random random;
  private volatile URI upstream;
  private volatile ServerSocket listener;
  private volatile double share;
  private volatile List<Fault> kinds = List.of();
  private volatile Set<String> faultServices = Set.of();
  private volatile Set<String> faultRegions = Set.of();
  private volatile Set<String> faultOperations = Set.of();
  private volatile Duration webIdentitySessionLength;

  private final AtomicLong throttled = new AtomicLong();
  private final AtomicLong serverErrors = new AtomicLong();
  private final AtomicLong denials = new AtomicLong();
  private final Map<String, AtomicLong> operations = new ConcurrentHashMap<>();
  private final Set<String> signingKeys = ConcurrentHashMap.newKeySet();
  private final AtomicLong unsignedRequests = new AtomicLong();
  private final List<WebIdentitySession> sessions = new CopyOnWriteArrayList<>();

  private FaultProxy(String name, URI upstream, long seed) {
    this.name = name;
    this.upstream = upstream;
    this.random = new Random(seed);
    this.connections =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "fault-proxy-" + name);
              t.setDaemon(true);
              return t;
            });
    this.port = FreePorts.pick();
    up();
  }

  /** A proxy on a free loopback port forwarding to {@code upstream}; faults start switched off. */
  public static FaultProxy start(String name, URI upstream) {
    return new FaultProxy(name, upstream, name.hashCode());
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + port);
  }

  public String name() {
    return name;
  }

  /** Forward to another server from now on (a restarted emulator on a new port). */
  public void retarget(URI newUpstream) {
    this.upstream = newUpstream;
  }

  /**
   * Answer {@code share} (0..1) of the requests to the given AWS services (signing names such as
   * {@code dynamodb}, {@code kms}, {@code secretsmanager}; none = all) with one of {@code faults},
   * picked at random; the rest are forwarded.
   */
  public void inject(double share, Set<String> services, Fault... faults) {
    injectIn(Set.of(), share, services, faults);
  }

  /**
   * As {@link #inject}, but only for requests signed for one of {@code regions} (the region of the
   * SigV4 credential scope in the Authorization header; none = every region): one region's outage
   * while the others answer.
   */
  public synchronized void injectIn(
      Set<String> regions, double share, Set<String> services, Fault... faults) {
    this.faultOperations = Set.of();
    this.kinds = List.of(faults);
    this.faultServices = Set.copyOf(services);
    this.faultRegions = Set.copyOf(regions);
    this.share = share;
  }

  /**
   * Answer {@code share} of the requests of the given operations only (as {@link #requests} names
   * them, e.g. {@code dynamodb.GetRecords}: DynamoDB Streams signs as dynamodb) with one of {@code
   * faults}; every other request is forwarded.
   */
  public synchronized void injectOperations(double share, Set<String> operations, Fault... faults) {
    this.kinds = List.of(faults);
    this.faultServices = Set.of();
    this.faultRegions = Set.of();
    this.faultOperations = Set.copyOf(operations);
    this.share = share;
  }

  public void clearFaults() {
    this.share = 0;
    this.faultOperations = Set.of();
  }

  /**
   * Asks STS for web-identity sessions of this length when the client asks for none (the SDK's
   * default chain cannot be told one): STS then issues credentials that expire soon, and the client
   * must refresh them.
   */
  public void requestWebIdentitySessionsOf(Duration length) {
    this.webIdentitySessionLength = length;
  }

  /** Stops accepting and drops every open connection: clients get connection refused / reset. */
  public synchronized void down() {
    ServerSocket l = listener;
    listener = null;
    if (l != null) {
      try {
        l.close();
      } catch (IOException ignored) {
        // closing
      }
    }
    for (Socket s : open) {
      closeQuietly(s);
    }
    open.clear();
  }

  /** Accepts connections again on the same port. */
  public synchronized void up() {
    if (listener != null) {
      return;
    }
    IOException last = null;
    for (int attempt = 0; attempt < 50; attempt++) {
      try {
        ServerSocket l = new ServerSocket();
        l.setReuseAddress(true);
        l.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 128);
        listener = l;
        connections.execute(() -> acceptLoop(l));
        return;
      } catch (IOException e) {
        last = e;
        sleep(100);
      }
    }
    throw new IllegalStateException(
        "fault proxy " + name + " could not listen on port " + port, last);
  }

  public long throttled() {
    return throttled.get();
  }

  public long injected() {
    return throttled.get() + serverErrors.get() + denials.get();
  }

  /** Requests answered with an injected AccessDeniedException. */
  public long denied() {
    return denials.get();
  }

  /**
   * Requests seen for an operation, such as {@code kms.Decrypt} or {@code
   * sts.AssumeRoleWithWebIdentity}.
   */
  public long requests(String operation) {
    AtomicLong n = operations.get(operation);
    return n == null ? 0 : n.get();
  }

  /** Access key ids of the signed requests seen. */
  public Set<String> signingKeys() {
    return Set.copyOf(signingKeys);
  }

  public long unsignedRequests() {
    return unsignedRequests.get();
  }

  public List<WebIdentitySession> webIdentitySessions() {
    return List.copyOf(sessions);
  }

  private void acceptLoop(ServerSocket l) {
    while (!l.isClosed()) {
      try {
        Socket client = l.accept();
        open.add(client);
        connections.execute(() -> serve(client));
      } catch (IOException e) {
        return; // closed by down() or close()
      }
    }
  }

  private void serve(Socket client) {
    try (client) {
      client.setSoTimeout(120_000);
      InputStream in = new BufferedInputStream(client.getInputStream());
      OutputStream out = new BufferedOutputStream(client.getOutputStream());
      while (true) {
        HttpMessage request = HttpMessage.readRequest(in, out);
        if (request == null) {
          return;
        }
        HttpMessage response = handle(request);
        response.writeTo(out, "keep-alive");
      }
    } catch (IOException | RuntimeException e) {
      // The client went away, the proxy went down(), or the upstream is unreachable: drop the
      // connection,
      // which is what the client would see from a dead server.
    } finally {
      open.remove(client);
    }
  }

  private HttpMessage handle(HttpMessage request) throws IOException {
    String authorization = request.header("Authorization").orElse("");
    Matcher credential = CREDENTIAL.matcher(authorization);
    String service = "";
    String region = "";
    if (credential.find()) {
      signingKeys.add(credential.group(1));
      region = credential.group(2);
      service = credential.group(3);
    } else {
      unsignedRequests.incrementAndGet();
    }
    String operation = operation(request, service);
    operations.computeIfAbsent(operation, k -> new AtomicLong()).incrementAndGet();

    Set<String> onlyOperations = faultOperations;
    Optional<Fault> fault =
        onlyOperations.isEmpty() || onlyOperations.contains(operation)
            ? decide(service, region)
            : Optional.empty();
    if (fault.isPresent()) {
      return injectedError(fault.get(), service);
    }
    boolean webIdentity = operation.equals("sts.AssumeRoleWithWebIdentity");
    HttpMessage outgoing = webIdentity ? withSessionLength(request) : request;
    HttpMessage response = forward(outgoing);
    if (webIdentity && response.status() == 200) {
      recordSession(outgoing, response);
    }
    return response;
  }

  private synchronized Optional<Fault> decide(String service, String region) {
    double s = share;
    if (s <= 0
        || kinds.isEmpty()
        || (!faultServices.isEmpty() && !faultServices.contains(service))
        || (!faultRegions.isEmpty() && !faultRegions.contains(region))) {
      return Optional.empty();
    }
    if (random.nextDouble() >= s) {
      return Optional.empty();
    }
    return Optional.of(kinds.get(random.nextInt(kinds.size())));
  }

  private HttpMessage forward(HttpMessage request) throws IOException {
    URI target = upstream;
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(target.getHost(), target.getPort()), 5_000);
      socket.setSoTimeout(60_000);
      OutputStream out = new BufferedOutputStream(socket.getOutputStream());
      request.writeTo(out, "close");
      return HttpMessage.readResponse(new BufferedInputStream(socket.getInputStream()));
    }
  }

  /** AWS-shaped errors as the JSON-protocol services send them (DynamoDB, KMS, Secrets Manager). */
  private HttpMessage injectedError(Fault fault, String service) {
    boolean dynamo = service.equals("dynamodb");
    String type;
    int status;
    if (fault == Fault.THROTTLE) {
      throttled.incrementAndGet();
      status = 400;
      type =
          dynamo ? "com.amazonaws.dynamodb.v20120810#ThrottlingException" : "ThrottlingException";
    } else if (fault == Fault.ACCESS_DENIED) {
      denials.incrementAndGet();
      status = 400;
      type =
          dynamo
              ? "com.amazonaws.dynamodb.v20120810#AccessDeniedException"
              : "AccessDeniedException";
    } else {
      serverErrors.incrementAndGet();
      status = 500;
      type =
          switch (service) {
            case "dynamodb" -> "com.amazonaws.dynamodb.v20120810#InternalServerError";
            case "kms" -> "KMSInternalException";
            case "secretsmanager" -> "InternalServiceError";
            default -> "InternalFailure";
          };
    }
    String shortType = type.substring(type.indexOf('#') + 1);
    String body =
        "{\"__type\":\""
            + type
            + "\",\"message\":\""
            + shortType
            + " injected by the e2e fault proxy\"}";
    List<String[]> headers = new ArrayList<>();
    headers.add(
        new String[] {
          "Content-Type", dynamo ? "application/x-amz-json-1.0" : "application/x-amz-json-1.1"
        });
    headers.add(new String[] {"x-amzn-ErrorType", shortType});
    headers.add(new String[] {"x-amzn-RequestId", "fault-proxy-" + name});
    return new HttpMessage(
        "HTTP/1.1 " + status + (status == 400 ? " Bad Request" : " Internal Server Error"),
        headers,
        body.getBytes(StandardCharsets.UTF_8));
  }

  private HttpMessage withSessionLength(HttpMessage request) {
    Duration length = webIdentitySessionLength;
    String form = request.bodyText();
    if (length == null || form.contains("DurationSeconds=")) {
      return request;
    }
    String extended = form + "&DurationSeconds=" + length.toSeconds();
    return request.withBody(extended.getBytes(StandardCharsets.UTF_8));
  }

  private void recordSession(HttpMessage request, HttpMessage response) {
    String xml = response.bodyText();
    String keyId = tag(xml, "AccessKeyId");
    String expiration = tag(xml, "Expiration");
    String token = formParam(request.bodyText(), "WebIdentityToken");
    if (keyId != null && expiration != null) {
      sessions.add(
          new WebIdentitySession(
              Instant.now(),
              keyId,
              Instant.parse(normalizeInstant(expiration)),
              token == null ? "" : sha256(token)));
    }
  }

  private static String operation(HttpMessage request, String service) {
    Optional<String> target = request.header("X-Amz-Target");
    if (target.isPresent()) {
      String t = target.get();
      String op = t.substring(t.lastIndexOf('.') + 1);
      return (service.isEmpty() ? serviceOfTarget(t) : service) + "." + op;
    }
    String action = formParam(request.bodyText(), "Action");
    if (action != null) {
      return (service.isEmpty() ? "sts" : service) + "." + action;
    }
    return (service.isEmpty() ? "unknown" : service) + "." + request.startLine.split(" ")[0];
  }

  private static String serviceOfTarget(String target) {
    if (target.startsWith("DynamoDB")) {
      return "dynamodb";
    }
    if (target.startsWith("TrentService")) {
      return "kms";
    }
    return target.substring(0, target.indexOf('.')).toLowerCase(java.util.Locale.ROOT);
  }

  static String formParam(String form, String name) {
    for (String pair : form.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0 && pair.substring(0, eq).equals(name)) {
        return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      }
    }
    return null;
  }

  private static String tag(String xml, String tag) {
    Matcher m = Pattern.compile("<" + tag + ">([^<]+)</" + tag + ">").matcher(xml);
    return m.find() ? m.group(1).trim() : null;
  }

  /** STS answers 2026-11-22T19:12:41.360153Z or with +00:00; Instant wants Z. */
  private static String normalizeInstant(String s) {
    String t = s.replace("+00:00", "Z");
    return t.endsWith("Z") ? t : t + "Z";
  }

  public static String sha256(String s) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void closeQuietly(Socket s) {
    try {
      s.setSoLinger(true, 0); // reset, as a dead peer would
      s.close();
    } catch (IOException ignored) {
      // already closed
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    down();
    connections.shutdownNow();
  }

  @Override
  public String toString() {
    return "FaultProxy[" + name + " :" + port + " -> " + upstream + "]";
  }
}
