package dev.fidelius.e2e.faults.harness;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import dev.fidelius.operator.testsupport.FreePorts;
import java.net.URI;
import java.time.Duration;

/**
 * DynamoDB Local with one database for every caller ({@code -sharedDb}). Without it DynamoDB Local keeps a
 * database per access key id, and the operator's web-identity credentials (a new key id at every STS
 * refresh) would each see an empty one; real DynamoDB has one table per account whatever the key.
 */
public final class SharedDynamoDbLocal implements AutoCloseable {

  private final DynamoDBProxyServer server;
  private final int port;

  private SharedDynamoDbLocal(DynamoDBProxyServer server, int port) {
    this.server = server;
    this.port = port;
  }

  public static SharedDynamoDbLocal start() {
    Exception last = null;
    for (int attempt = 0; attempt < 3; attempt++) {
      int port = FreePorts.pick();
      try {
        DynamoDBProxyServer server = ServerRunner.createServerFromCommandLineArgs(
            new String[] {"-inMemory", "-sharedDb", "-port", String.valueOf(port), "-disableTelemetry"});
        server.start();
        if (FreePorts.awaitListening(port, Duration.ofSeconds(20))) {
          return new SharedDynamoDbLocal(server, port);
        }
        server.stop();
      } catch (Exception e) {
        last = e;
      }
    }
    throw new IllegalStateException("DynamoDB Local did not start", last);
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + port);
  }

  @Override
  public void close() {
    try {
      server.stop();
    } catch (Exception e) {
      System.err.println("[e2e] DynamoDB Local did not stop cleanly: " + e);
    }
  }
}
