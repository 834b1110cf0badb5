package dev.fidelius.operator.render;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * Keeps Secret data under the API server's object size limit, so that an oversize result is
 * reported with its size instead of failing the write.
 */
public final class SecretSizeLimit {

  /** The largest Secret the API server (etcd) accepts. */
  public static final int MAX_BYTES = 1024 * 1024;

  /**
   * Room left for the Secret's metadata: name, labels, annotations, owner references, managed
   * fields.
   */
  public static final int METADATA_MARGIN_BYTES = 16 * 1024;

  /** The most bytes of keys plus values that {@link #problem} accepts. */
  public static final int DATA_LIMIT_BYTES = MAX_BYTES - METADATA_MARGIN_BYTES;

  private SecretSizeLimit() {}

  /**
   * Why {@code data} is too large for a Secret, or empty when it fits. The message holds only the
   * sizes. A null map counts as empty.
   */
  public static Optional<String> problem(Map<String, byte[]> data) {
    long total = totalBytes(data);
    if (total <= DATA_LIMIT_BYTES) {
      return Optional.empty();
    }
    return Optional.of(
        "Secret data is "
            + total
            + " bytes (keys plus values), over the limit of "
            + DATA_LIMIT_BYTES
            + " bytes (1 MiB less 16 KiB kept for metadata)");
  }

  /** The UTF-8 length of every key plus the length of every value. */
  public static long totalBytes(Map<String, byte[]> data) {
    if (data == null) {
      return 0;
    }
    long total = 0;
    for (Map.Entry<String, byte[]> entry : data.entrySet()) {
      total += entry.getKey().getBytes(StandardCharsets.UTF_8).length;
      total += entry.getValue() == null ? 0 : entry.getValue().length;
    }
    return total;
  }
}
