package dev.fidelius.operator.backend.fidelius;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One version of a secret as stored in the table, checked for shape but neither authenticated nor
 * decrypted. Byte arrays are copied in and out so that no caller can alter an item another holds.
 *
 * @param wrappedKey the KMS ciphertext of the 64-byte data key
 * @param ciphertext the AES-CTR ciphertext of the value
 * @param hmac the 32-byte HMAC-SHA256 of the ciphertext, as the item claims it
 * @param updatedBy who wrote the version, when the writer recorded it (credstash does not)
 * @param updatedOn when the version was written, when recorded and readable
 * @param sdlc the {@code sdlc} attribute, lower-cased, when present (Fidelius always writes it)
 * @param component the {@code component} attribute, lower-cased, when present and not empty
 */
public record FideliusItem(
    String fullName,
    FideliusVersion version,
    byte[] wrappedKey,
    byte[] ciphertext,
    byte[] hmac,
    String updatedBy,
    Instant updatedOn,
    String sdlc,
    String component) {

  public FideliusItem {
    Objects.requireNonNull(fullName, "fullName");
    Objects.requireNonNull(version, "version");
    wrappedKey = wrappedKey.clone();
    ciphertext = ciphertext.clone();
    hmac = hmac.clone();
  }

  @Override
  public byte[] wrappedKey() {
    return wrappedKey.clone();
  }

  @Override
  public byte[] ciphertext() {
    return ciphertext.clone();
  }

  @Override
  public byte[] hmac() {
    return hmac.clone();
  }

  Optional<Instant> updatedOnIfKnown() {
    return Optional.ofNullable(updatedOn);
  }

  /** {@code APP.dev.db_password v3}: how messages name this version. */
  String describe() {
    return fullName + " " + version;
  }

  @Override
  public boolean equals(Object o) {
    return o == this; // Items are snapshots of the table; nothing compares them by content.
  }

  @Override
  public int hashCode() {
    return System.identityHashCode(this);
  }

  @Override
  public String toString() {
    return "FideliusItem[" + describe() + ", " + ciphertext.length + " bytes of ciphertext]";
  }
}
