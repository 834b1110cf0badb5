package dev.fidelius.operator.backend;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fidelius.operator.aws.AwsCallCounter;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link SecretBackend} owes its callers, run against each backend on a real
 * emulator. A backend's integration test extends this and says how to write a secret version in its
 * store.
 */
public abstract class SecretBackendContract {

  /** The backend under test, reading the store that {@link #write} writes to. */
  protected abstract SecretBackend backend();

  /** The counter installed on the backend's AWS clients. */
  protected abstract AwsCallCounter counter();

  /** Writes a new version of the secret (creating it when needed) and returns that version's id. */
  protected abstract String write(SecretId id, String value);

  /**
   * Whether the store keeps a secret's older versions readable. An S3 bucket without versioning
   * does not: its versions are ETags, and an overwritten object's older content is gone.
   */
  protected boolean keepsOlderVersions() {
    return true;
  }

  /** A scope no other test touches, so tests can run in any order against one store. */
  protected SecretScope freshScope() {
    return new SecretScope("app" + UUID.randomUUID().toString().substring(0, 8), null, "dev");
  }

  @Test
  void readsTheLatestVersionAfterARotation() {
    SecretId id = new SecretId(freshScope(), "db_password");
    write(id, "first");
    String second = write(id, "second-Pässwörd");

    Outcome<SecretValue> read =
        backend().read(List.of(SecretRequest.latest(id))).get(SecretRequest.latest(id));

    assertThat(read.isOk()).as("%s", read).isTrue();
    assertThat(read.value().text()).contains("second-Pässwörd");
    assertThat(read.value().version()).isEqualTo(second);
  }

  @Test
  void readsAPinnedOlderVersion() {
    SecretId id = new SecretId(freshScope(), "api_key");
    String first = write(id, "old");
    write(id, "new");
    SecretRequest pinned = new SecretRequest(id, VersionSelector.exact(first));

    Outcome<SecretValue> read = backend().read(List.of(pinned)).get(pinned);

    if (!keepsOlderVersions()) {
      assertThat(read.error().kind())
          .as("an overwritten version of a store without history")
          .isEqualTo(ErrorKind.NOT_FOUND);
      return;
    }
    assertThat(read.value().text()).contains("old");
    assertThat(read.value().version()).isEqualTo(first);
  }

  @Test
  void aMissingSecretIsNotFoundAndDoesNotSpoilTheBatch() {
    SecretScope scope = freshScope();
    SecretId present = new SecretId(scope, "present");
    SecretId missing = new SecretId(scope, "missing");
    write(present, "here");

    Map<SecretRequest, Outcome<SecretValue>> read =
        backend().read(List.of(SecretRequest.latest(present), SecretRequest.latest(missing)));

    assertThat(read.get(SecretRequest.latest(present)).value().text()).contains("here");
    assertThat(read.get(SecretRequest.latest(missing)).error().kind())
        .isEqualTo(ErrorKind.NOT_FOUND);
    assertThat(read.get(SecretRequest.latest(missing)).error().message()).contains("missing");
  }

  @Test
  void currentVersionsSeeARotationWithoutReadingValues() {
    SecretScope scope = freshScope();
    SecretId a = new SecretId(scope, "a");
    SecretId b = new SecretId(scope, "b");
    String a1 = write(a, "a1");
    String b1 = write(b, "b1");
    assertThat(backend().currentVersions(List.of(a, b)))
        .containsEntry(a, Outcome.ok(a1))
        .containsEntry(b, Outcome.ok(b1));

    String a2 = write(a, "a2");
    var before = counter().snapshot();
    Map<SecretId, Outcome<String>> versions = backend().currentVersions(List.of(a, b));

    assertThat(versions).containsEntry(a, Outcome.ok(a2)).containsEntry(b, Outcome.ok(b1));
    assertThat(counter().since(before).keySet())
        .as("change detection reads no values")
        .noneMatch(
            call ->
                call.operation().equals("Decrypt") || call.operation().contains("GetSecretValue"));
  }

  @Test
  void aSecondReadOfTheSameVersionIsServedFromTheCache() {
    SecretId id = new SecretId(freshScope(), "cached");
    String version = write(id, "cache-me");
    SecretRequest pinned = new SecretRequest(id, VersionSelector.exact(version));
    assertThat(backend().read(List.of(pinned)).get(pinned).isOk()).isTrue();

    var before = counter().snapshot();
    Outcome<SecretValue> again = backend().read(List.of(pinned)).get(pinned);

    assertThat(again.value().text()).contains("cache-me");
    assertThat(counter().since(before)).as("calls for a cached immutable version").isEmpty();
  }

  @Test
  void listsEverySecretOfAScopeAndNothingElse() {
    SecretScope scope = freshScope();
    SecretScope other = freshScope();
    write(new SecretId(scope, "one"), "1");
    String twoVersion = write(new SecretId(scope, "two"), "2");
    write(new SecretId(other, "three"), "3");

    Outcome<List<SecretListing>> listed = backend().list(scope);

    assertThat(listed.value())
        .extracting(l -> l.id().name())
        .containsExactlyInAnyOrder("one", "two");
    assertThat(listed.value())
        .filteredOn(l -> l.id().name().equals("two"))
        .singleElement()
        .satisfies(l -> assertThat(l.currentVersion()).isEqualTo(twoVersion));
  }

  @Test
  void valuesNeverShowInToString() {
    SecretId id = new SecretId(freshScope(), "redacted");
    write(id, "hunter2-do-not-print");
    Outcome<SecretValue> read =
        backend().read(List.of(SecretRequest.latest(id))).get(SecretRequest.latest(id));

    assertThat(read.toString()).doesNotContain("hunter2");
    assertThat(read.value().toString()).doesNotContain("hunter2");
  }
}
