package dev.fidelius.operator.testsupport;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * A real {@code moto_server} child process on a free loopback port: Secrets Manager, KMS, STS and
 * DynamoDB emulated by moto. The executable is {@code $MOTO_SERVER} or {@code moto_server} on the
 * PATH.
 */
public final class MotoServer implements AutoCloseable {

  public static final Region REGION = Region.US_EAST_1;
  public static final AwsCredentialsProvider CREDENTIALS =
      StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"));

  private final Process process;
  private final int port;
  private final Path log;

  private MotoServer(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  /** Starts moto_server, retrying on another port if the first was taken in the meantime. */
  public static MotoServer start() {
    List<String> executable = locateExecutable();
    IllegalStateException last = null;
    for (int attempt = 0; attempt < 3; attempt++) {
      int port = FreePorts.pick();
      try {
        Path log = Files.createTempFile("moto-" + port + "-", ".log");
        List<String> command = new java.util.ArrayList<>(executable);
        command.addAll(List.of("-H", "127.0.0.1", "-p", String.valueOf(port)));
        Process p =
            new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        MotoServer server = new MotoServer(p, port, log);
        if (server.awaitReady(Duration.ofSeconds(30))) {
          return server;
        }
        server.close();
        last =
            new IllegalStateException(
                "moto_server did not become ready on port " + port + "; log: " + log);
      } catch (IOException e) {
        throw new IllegalStateException(
            "could not start " + String.join(" ", executable) + ": " + e.getMessage(), e);
      }
    }
    throw last;
  }

  /**
   * {@code $MOTO_SERVER}, else moto_server on the PATH, else {@code python3 -m moto.server} when
   * moto imports.
   */
  static List<String> locateExecutable() {
    String configured = System.getenv("MOTO_SERVER");
    if (configured != null && !configured.isBlank()) {
      return List.of(configured);
    }
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      File candidate = new File(dir, "moto_server");
      if (candidate.canExecute()) {
        return List.of(candidate.getAbsolutePath());
      }
    }
    if (pythonHasMoto()) {
      return List.of("python3", "-m", "moto.server");
    }
    throw new IllegalStateException(
        "moto_server is not on the PATH (nor set in $MOTO_SERVER). Install it with:"
            + " pip install \"moto[server]\"; then run scripts/provision-test-env.sh to check the test environment.");
  }

  private static boolean pythonHasMoto() {
    try {
      Process p =
          new ProcessBuilder("python3", "-c", "import moto.server")
              .redirectErrorStream(true)
              .start();
      p.getInputStream().readAllBytes();
      return p.waitFor() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private boolean awaitReady(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        return false;
      }
      try {
        HttpResponse<Void> r =
            http.send(
                HttpRequest.newBuilder(endpoint().resolve("/moto-api/data.json")).GET().build(),
                HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() == 200) {
          return true;
        }
      } catch (IOException e) {
        FreePorts.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return false;
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + port);
  }

  public int port() {
    return port;
  }

  public Path log() {
    return log;
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /**
   * Drops every resource moto holds (keys, secrets, tables), for tests that need a clean account.
   */
  public void reset() {
    try {
      HttpResponse<Void> r =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(endpoint().resolve("/moto-api/reset"))
                      .POST(HttpRequest.BodyPublishers.noBody())
                      .build(),
                  HttpResponse.BodyHandlers.discarding());
      if (r.statusCode() != 200) {
        throw new IllegalStateException("moto reset answered HTTP " + r.statusCode());
      }
    } catch (IOException e) {
      throw new IllegalStateException("moto reset failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** A session moto's STS handed out: which role, under which session name and external id. */
  public record AssumedRole(String roleArn, String sessionName, String externalId) {}

  /**
   * Every role session moto's STS has issued since it started, from its state dump. Only the role,
   * session name and external id are kept; the dump's credentials are dropped unread.
   */
  public List<AssumedRole> assumedRoles() {
    try {
      HttpResponse<String> r =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(endpoint().resolve("/moto-api/data.json")).GET().build(),
                  HttpResponse.BodyHandlers.ofString());
      var sessions =
          new com.fasterxml.jackson.databind.ObjectMapper()
              .readTree(r.body())
              .path("sts")
              .path("AssumedRole");
      List<AssumedRole> roles = new java.util.ArrayList<>();
      sessions.forEach(
          s ->
              roles.add(
                  new AssumedRole(
                      s.path("role_arn").asText(),
                      s.path("session_name").asText(),
                      s.path("external_id").isNull() ? null : s.path("external_id").asText())));
      return roles;
    } catch (IOException e) {
      throw new IllegalStateException("moto state dump failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  public List<String> command() {
    return process.info().arguments().map(List::of).orElse(List.of());
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
