package dev.fidelius.cli.store;

import dev.fidelius.operator.aws.AwsCallCounter;
import dev.fidelius.operator.aws.AwsClientFactory;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * Opens a session on a located store: the one place that knows which session serves which provider.
 */
public final class StoreSessions {

  private StoreSessions() {}

  /** Opens the store named by the options, with the user's identity. */
  public static StoreSession open(StoreOptions options) {
    return open(StoreLocator.locate(options));
  }

  public static StoreSession open(StoreLocation store) {
    // Shorter than the operator's: a person is waiting, and a command can simply be run again.
    AwsClientFactory clients =
        new AwsClientFactory(new AwsCallCounter(), Duration.ofSeconds(20), 3);
    AwsCredentialsProvider credentials = AwsIdentity.of(store, clients);
    // Each session owns the factory (and its HTTP client) and closes it.
    return switch (store.provider()) {
      case FIDELIUS -> new FideliusSession(store, clients, credentials);
      case SECRETS_MANAGER -> new SecretsManagerSession(store, clients, credentials);
      case PARAMETER_STORE -> new ParameterStoreSession(store, clients, credentials);
      case S3 -> new S3Session(store, clients, credentials);
    };
  }
}
