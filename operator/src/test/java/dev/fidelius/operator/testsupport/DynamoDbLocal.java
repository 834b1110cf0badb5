package dev.fidelius.operator.testsupport;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * AWS's official DynamoDB emulator (DynamoDB Local, in memory) inside the test JVM on a free loopback port.
 * It speaks the real wire protocol; tests reach it through the AWS SDK like any endpoint.
 */
public final class DynamoDbLocal implements AutoCloseable {

  private final DynamoDBProxyServer server;
  private final int port;

  private DynamoDbLocal(DynamoDBProxyServer server, int port) {
    this.server = server;
    this.port = port;
  }

  public static DynamoDbLocal start() {
    return start(false);
  }

  /**
   * DynamoDB Local with one database for every caller ({@code -sharedDb}). Without it DynamoDB Local keeps a
   * database per access key id, so credentials that change key ids (web-identity sessions refreshed by STS)
   * would each see an empty one; real DynamoDB has one table per account whatever the key.
   */
  public static DynamoDbLocal startShared() {
    return start(true);
  }

  private static DynamoDbLocal start(boolean sharedDb) {
    Exception last = null;
    for (int attempt = 0; attempt < 3; attempt++) {
      int port = FreePorts.pick();
      try {
        List<String> args = new ArrayList<>(List.of("-inMemory", "-port", String.valueOf(port), "-disableTelemetry"));
        if (sharedDb) {
          args.add("-sharedDb");
        }
        DynamoDBProxyServer server = ServerRunner.createServerFromCommandLineArgs(args.toArray(String[]::new));
        server.start();
        if (FreePorts.awaitListening(port, Duration.ofSeconds(20))) {
          return new DynamoDbLocal(server, port);
        }
        server.stop();
      } catch (Exception e) {
        last = e;
      }
    }
    throw new IllegalStateException("DynamoDB Local (com.amazonaws:DynamoDBLocal) did not start: "
        + (last == null ? "port never opened" : last), last);
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + port);
  }

  @Override
  public void close() {
    try {
      server.stop();
    } catch (Exception e) {
      throw new IllegalStateException("DynamoDB Local did not stop cleanly", e);
    }
  }
}
