package dev.fidelius.operator.aws;

import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * The credentials of one identity as {@link CredentialsCache} hands them out: records when they
 * were last used, and can be released (its STS provider closed, its session dropped) while clients
 * still hold it. A released one that is used again makes a new provider and asks the cache to take
 * it back, so eviction never breaks a holder: it only costs one STS call when an idle identity
 * comes back.
 */
final class IdleTrackedCredentials implements AwsCredentialsProvider {

  private final Supplier<AwsCredentialsProvider> factory;
  private final LongSupplier millis;
  private final Consumer<IdleTrackedCredentials> onUse;
  private volatile long lastUsed;
  private AwsCredentialsProvider delegate; // guarded by this

  IdleTrackedCredentials(
      Supplier<AwsCredentialsProvider> factory,
      LongSupplier millis,
      Consumer<IdleTrackedCredentials> onUse) {
    this.factory = factory;
    this.millis = millis;
    this.onUse = onUse;
    this.lastUsed = millis.getAsLong();
  }

  @Override
  public AwsCredentials resolveCredentials() {
    touch();
    onUse.accept(this);
    return provider().resolveCredentials();
  }

  void touch() {
    lastUsed = millis.getAsLong();
  }

  long lastUsed() {
    return lastUsed;
  }

  synchronized boolean live() {
    return delegate != null;
  }

  private synchronized AwsCredentialsProvider provider() {
    if (delegate == null) {
      delegate = factory.get();
    }
    return delegate;
  }

  /**
   * Closes the provider (its background refresh, its cached session); the next use makes a new one.
   */
  synchronized void release() {
    if (delegate instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (Exception ignored) {
        // closing refresh threads; nothing to recover
      }
    }
    delegate = null;
  }
}
