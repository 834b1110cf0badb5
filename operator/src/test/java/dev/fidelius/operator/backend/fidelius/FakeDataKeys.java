package dev.fidelius.operator.backend.fidelius;

import dev.fidelius.operator.backend.BackendError;
import dev.fidelius.operator.backend.ErrorKind;
import dev.fidelius.operator.backend.Outcome;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stands in for KMS in unit tests: "wraps" a data key by remembering it under a random blob, and
 * unwraps it only with the same encryption context, as KMS does. Counts decrypt calls.
 */
final class FakeDataKeys implements DataKeyDecryptor {

  private record Wrapped(byte[] dataKey, Map<String, String> context) {}

  private static final SecureRandom RANDOM = new SecureRandom();

  private final Map<ByteBuffer, Wrapped> wrapped = new ConcurrentHashMap<>();
  private final AtomicInteger decrypts = new AtomicInteger();
  private volatile BackendError refusal;

  /** A blob that unwraps to {@code dataKey} under exactly {@code context}. */
  byte[] wrap(byte[] dataKey, Map<String, String> context) {
    byte[] blob = new byte[FideliusItemCodec.MIN_WRAPPED_KEY_BYTES + 31];
    RANDOM.nextBytes(blob);
    wrapped.put(ByteBuffer.wrap(blob.clone()), new Wrapped(dataKey.clone(), Map.copyOf(context)));
    return blob;
  }

  /** Every decrypt fails with this from now on (null to stop). */
  void refuseWith(BackendError error) {
    this.refusal = error;
  }

  int decrypts() {
    return decrypts.get();
  }

  @Override
  public Outcome<DataKey> decrypt(
      byte[] wrappedKey, Map<String, String> encryptionContext, String secret) {
    decrypts.incrementAndGet();
    BackendError refused = refusal;
    if (refused != null) {
      return Outcome.failed(refused);
    }
    Wrapped known = wrapped.get(ByteBuffer.wrap(wrappedKey));
    if (known == null || !known.context().equals(encryptionContext)) {
      return Outcome.failed(
          ErrorKind.DECRYPT_FAILED,
          "KMS Decrypt of the data key of "
              + secret
              + " failed: InvalidCiphertextException (HTTP 400)");
    }
    return Outcome.ok(new DataKey(known.dataKey()));
  }
}
