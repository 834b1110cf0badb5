package dev.fidelius.writer.fidelius;

import dev.fidelius.operator.backend.ErrorKind;
import dev.fidelius.operator.backend.Outcome;
import dev.fidelius.operator.backend.SecretId;
import dev.fidelius.operator.backend.fidelius.CallGuard;
import dev.fidelius.operator.backend.fidelius.ComponentFallback;
import dev.fidelius.operator.backend.fidelius.FideliusCrypto;
import dev.fidelius.operator.backend.fidelius.FideliusItem;
import dev.fidelius.operator.backend.fidelius.FideliusItemCodec;
import dev.fidelius.operator.backend.fidelius.FideliusName;
import dev.fidelius.operator.backend.fidelius.FideliusNames;
import dev.fidelius.operator.backend.fidelius.FideliusStoreConfig;
import dev.fidelius.operator.backend.fidelius.FideliusVersion;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * Writes and deletes secrets exactly as Fidelius does, so the Fidelius UI, its SDK and this
 * operator read them alike. For the command line, the quickstart and tests: the operator only
 * reads, and its jar holds none of this.
 *
 * <p>Concurrent writers of one name each get their own version: a version is claimed with a
 * conditional put, and the loser re-reads the highest version and claims the next one.
 */
public final class FideliusWriter {

  /** Attempts to claim a version number before giving up on a heavily contended name. */
  static final int MAX_PUT_ATTEMPTS = 10;

  private final FideliusTableWrites table;
  private final DataKeyGenerator dataKeys;
  private final VersionHistory history;
  private final FideliusNames names;
  private final String kmsKeyId;
  private final String updatedBy;
  private final Clock clock;

  /**
   * @param updatedBy recorded on every version written, see {@link UpdatedBy}
   */
  public FideliusWriter(
      DynamoDbClient dynamo, KmsClient kms, FideliusStoreConfig config, String updatedBy) {
    this(
        new FideliusTableWrites(dynamo, config.table()),
        new DataKeyGenerator(kms),
        config,
        updatedBy,
        Clock.systemUTC());
  }

  FideliusWriter(
      FideliusTableWrites table,
      DataKeyGenerator dataKeys,
      FideliusStoreConfig config,
      String updatedBy,
      Clock clock) {
    this.table = Objects.requireNonNull(table, "table");
    this.dataKeys = Objects.requireNonNull(dataKeys, "dataKeys");
    this.names = new FideliusNames(config.contextKeys());
    this.kmsKeyId = config.kmsKeyId();
    this.updatedBy = Objects.requireNonNull(updatedBy, "updatedBy");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.history =
        new VersionHistory(table, names, new ComponentFallback(config.componentFallback()));
  }

  /**
   * Every version of a secret with who wrote it and when, newest first; no value is read. Looks up
   * without the component when the store falls back, as reads do.
   */
  public Outcome<List<VersionHistoryEntry>> history(SecretId id) {
    return history.of(id);
  }

  /**
   * Stores a new version of the secret (exactly the scope given: writes never fall back).
   *
   * @return the new version's id, such as {@code "1"} for a new name
   */
  public Outcome<String> put(SecretId id, String value) {
    return put(id, value, false);
  }

  /**
   * As {@link #put}, for a name expected not to exist yet (seeding a table): version 1 is claimed
   * with one conditional put, without the Query for the newest version first. If the name exists,
   * the claim fails and the write goes on as {@link #put} does, so the result is the same; only the
   * calls differ.
   */
  public Outcome<String> putNew(SecretId id, String value) {
    return put(id, value, true);
  }

  private Outcome<String> put(SecretId id, String value, boolean firstGuessed) {
    Objects.requireNonNull(value, "value");
    FideliusName name = names.nameOf(id.scope(), id.name());
    if (FideliusNames.isMetadataName(name.fullName())) {
      return Outcome.failed(
          ErrorKind.INVALID_REQUEST,
          name
              + ": names starting with "
              + FideliusNames.METADATA_PREFIX
              + " are reserved for Fidelius metadata records");
    }
    Outcome<DataKeyGenerator.GeneratedKey> generated =
        dataKeys.generate(kmsKeyId, name.encryptionContext(), name.toString());
    if (!generated.isOk()) {
      return Outcome.failed(generated.error());
    }
    byte[] plaintext = value.getBytes(StandardCharsets.UTF_8);
    byte[] ciphertext;
    byte[] hmac;
    try (DataKeyGenerator.GeneratedKey key = generated.value()) {
      ciphertext = FideliusCrypto.encrypt(key.plaintext(), plaintext);
      hmac = FideliusCrypto.hmac(key.plaintext(), ciphertext);
    } finally {
      Arrays.fill(plaintext, (byte) 0);
    }
    // The ciphertext does not depend on the version number, so a lost race costs a new version
    // number, not a new data key: the same sealed value is offered under the next version.
    byte[] wrapped = generated.value().wrapped();
    for (int attempt = 0; attempt < MAX_PUT_ATTEMPTS; attempt++) {
      Outcome<Optional<String>> claimed =
          attempt == 0 && firstGuessed
              ? claim(name, FideliusVersion.FIRST, wrapped, ciphertext, hmac)
              : claimNextVersion(name, wrapped, ciphertext, hmac);
      if (!claimed.isOk()) {
        return Outcome.failed(claimed.error());
      }
      if (claimed.value().isPresent()) {
        return Outcome.ok(claimed.value().get());
      }
    }
    return Outcome.failed(
        ErrorKind.THROTTLED,
        name
            + ": another writer took the next version "
            + MAX_PUT_ATTEMPTS
            + " times in a row; nothing was written");
  }

  /**
   * Deletes every version of the secret, as Fidelius does: nothing is left behind.
   *
   * @return how many versions were deleted (0 when the secret did not exist)
   */
  public Outcome<Integer> delete(SecretId id) {
    FideliusName name = names.nameOf(id.scope(), id.name());
    return CallGuard.run(
        "Deleting the versions of " + name + " in table " + table.name(),
        () -> {
          List<String> versions = table.allVersions(name.fullName());
          int left = table.deleteVersions(name.fullName(), versions);
          if (left > 0) {
            return Outcome.failed(
                ErrorKind.THROTTLED,
                name
                    + ": "
                    + left
                    + " of "
                    + versions.size()
                    + " versions were still unprocessed after retries; delete again");
          }
          return Outcome.ok(versions.size());
        });
  }

  /**
   * One attempt: the version after the highest, claimed conditionally; empty when another writer
   * won it.
   */
  private Outcome<Optional<String>> claimNextVersion(
      FideliusName name, byte[] wrappedKey, byte[] ciphertext, byte[] hmac) {
    return CallGuard.run(
        "Writing a new version of " + name + " to table " + table.name(),
        () -> {
          // The newest numbered version by one strongly consistent Query, newest first: the same
          // maximum the Fidelius SDK finds by reading every version, in one call however long the
          // history.
          Optional<String> highest = table.newestVersion(name.fullName());
          if (highest.isEmpty()) {
            return claim(name, FideliusVersion.FIRST, wrappedKey, ciphertext, hmac);
          }
          Optional<FideliusVersion> parsed = FideliusVersion.fromPadded(highest.get());
          if (parsed.isEmpty()) {
            return Outcome.failed(
                ErrorKind.MALFORMED,
                name
                    + " has version '"
                    + highest.get()
                    + "', not a 19-digit version number, so the next version is unknown");
          }
          return claim(name, parsed.get().next(), wrappedKey, ciphertext, hmac);
        });
  }

  /** One conditional put of the version; empty when another writer holds it already. */
  private Outcome<Optional<String>> claim(
      FideliusName name,
      FideliusVersion version,
      byte[] wrappedKey,
      byte[] ciphertext,
      byte[] hmac) {
    return CallGuard.run(
        "Writing version " + version.id() + " of " + name + " to table " + table.name(),
        () -> {
          FideliusItem item =
              new FideliusItem(
                  name.fullName(),
                  version,
                  wrappedKey,
                  ciphertext,
                  hmac,
                  updatedBy,
                  clock.instant(),
                  name.sdlc(),
                  name.component());
          return Outcome.ok(
              table.putIfAbsent(FideliusItemCodec.encode(item))
                  ? Optional.of(version.id())
                  : Optional.empty());
        });
  }
}
