package dev.fidelius.operator.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * The credentials cache is bounded: idle identities and the least recently used beyond the bound
 * go.
 */
class CredentialsCacheEvictionTest {

  private final AtomicLong now = new AtomicLong(1_000_000);
  private final List<FakeSession> sessions = new ArrayList<>();
  private final CredentialsCache cache =
      new CredentialsCache(
          (identity, region, sts) -> {
            FakeSession session = new FakeSession(identity.key());
            sessions.add(session);
            return session;
          },
          AnonymousCredentialsProvider.create(),
          now::get,
          3,
          Duration.ofMinutes(30));

  @Test
  void anIdentityUnusedForTheIdleExpiryIsReleased() {
    AwsCredentialsProvider idle = credentials("idle");
    idle.resolveCredentials();
    AwsCredentialsProvider busy = credentials("busy");

    for (int minute = 0; minute < 40; minute += 5) {
      now.addAndGet(Duration.ofMinutes(5).toMillis());
      busy.resolveCredentials();
    }

    assertThat(cache.size()).isEqualTo(1);
    assertThat(sessions.get(0).closed).as("the idle identity's STS session is closed").isTrue();
    assertThat(sessions.get(1).closed).isFalse();
  }

  @Test
  void aReleasedIdentityStillWorksForItsHolderWithOneNewSession() {
    AwsCredentialsProvider held = credentials("tenant-a");
    held.resolveCredentials();
    now.addAndGet(Duration.ofHours(1).toMillis());
    credentials("other").resolveCredentials(); // sweeps: tenant-a is idle

    AwsCredentials again = held.resolveCredentials();

    assertThat(again.accessKeyId()).isEqualTo("AKIDtenant-a");
    assertThat(sessions)
        .extracting(s -> s.key)
        .containsExactly(key("tenant-a"), key("other"), key("tenant-a"));
    assertThat(cache.size()).as("taken back into the cache").isEqualTo(2);
  }

  @Test
  void beyondTheBoundTheLeastRecentlyUsedIsReleased() {
    for (String tenant : new String[] {"a", "b", "c"}) {
      credentials(tenant).resolveCredentials();
      now.addAndGet(1_000);
    }
    credentials("a").resolveCredentials(); // a is now the most recent; b the least

    credentials("d").resolveCredentials();

    assertThat(cache.size()).isEqualTo(3);
    assertThat(sessions).filteredOn(s -> s.closed).extracting(s -> s.key).containsExactly(key("b"));
  }

  @Test
  void manyDistinctIdentitiesNeverGrowTheCacheBeyondItsBound() {
    for (int i = 0; i < 1_000; i++) {
      credentials("role-" + i).resolveCredentials();
      now.addAndGet(10);
    }

    assertThat(cache.size()).isEqualTo(3);
    assertThat(sessions.stream().filter(s -> !s.closed)).hasSize(3);
  }

  @Test
  void theSameIdentityIsOneSession() {
    AwsCredentialsProvider first = credentials("same");
    for (int i = 0; i < 10; i++) {
      assertThat(credentials("same")).isSameAs(first);
      first.resolveCredentials();
    }

    assertThat(sessions).hasSize(1);
  }

  private AwsCredentialsProvider credentials(String tenant) {
    return cache.credentials(identity(tenant), Region.US_EAST_1, Optional.empty());
  }

  private static AwsIdentity identity(String tenant) {
    return new AwsIdentity.ServiceAccount(
        tenant, "reader", "arn:aws:iam::111122223333:role/" + tenant, "sts.amazonaws.com");
  }

  private static String key(String tenant) {
    return identity(tenant).key();
  }

  /** A session of one identity; records whether the cache closed it. */
  private static final class FakeSession implements AwsCredentialsProvider, AutoCloseable {
    final String key;
    boolean closed;

    FakeSession(String key) {
      this.key = key;
    }

    @Override
    public AwsCredentials resolveCredentials() {
      assertThat(closed).as("a closed session is never used").isFalse();
      String tenant = key.substring(3, key.indexOf('/'));
      return AwsBasicCredentials.create("AKID" + tenant, "secret");
    }

    @Override
    public void close() {
      closed = true;
    }
  }
}
